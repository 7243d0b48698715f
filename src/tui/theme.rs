//! Colours and text styles by role. Three themes: Letterboxd's colours (orange, green and
//! blue accents on dark grey), a light one, and a plain one that uses no colour at all
//! (bold, underline and reverse instead) for NO_COLOR.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub stars: Style,
    pub author: Style,
    pub bar: Style,
    pub selection: Style,
    pub selection_mark: Style,
    pub border: Style,
    pub key: Style,
    pub warning: Style,
    /// The cursor in a text field.
    pub cursor: Style,
    /// Words a search matched.
    pub highlight: Style,
    /// A passing message above the status line.
    pub toast: Style,
    /// The hint in an empty text field.
    pub placeholder: Style,
}

const ORANGE: Color = Color::Rgb(0xff, 0x80, 0x00);
const GREEN: Color = Color::Rgb(0x00, 0xe0, 0x54);
const BLUE: Color = Color::Rgb(0x40, 0xbc, 0xf4);
const GREY: Color = Color::Rgb(0x99, 0xaa, 0xbb);
const DARK: Color = Color::Rgb(0x2c, 0x34, 0x40);
const SLATE: Color = Color::Rgb(0x45, 0x56, 0x67);

/// The names `theme = "…"` accepts.
pub const THEMES: [&str; 3] = ["letterboxd", "light", "plain"];

/// The roles `[colors]` can set, and which side of the cell each colours.
pub const ROLES: [(&str, Side); 14] = [
    ("title", Side::Fg),
    ("text", Side::Fg),
    ("muted", Side::Fg),
    ("accent", Side::Fg),
    ("stars", Side::Fg),
    ("author", Side::Fg),
    ("bar", Side::Fg),
    ("selection", Side::Bg),
    ("selection_mark", Side::Fg),
    ("border", Side::Fg),
    ("key", Side::Fg),
    ("warning", Side::Fg),
    ("highlight", Side::Bg),
    ("toast", Side::Bg),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Fg,
    Bg,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::letterboxd()
    }
}

impl Theme {
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "letterboxd" => Some(Theme::letterboxd()),
            "light" => Some(Theme::light()),
            "plain" => Some(Theme::plain()),
            _ => None,
        }
    }

    pub fn letterboxd() -> Theme {
        Theme {
            title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            text: Style::new(),
            muted: Style::new().fg(GREY),
            accent: Style::new().fg(ORANGE),
            stars: Style::new().fg(GREEN),
            author: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            bar: Style::new().fg(SLATE),
            selection: Style::new().bg(DARK),
            selection_mark: Style::new().fg(ORANGE),
            border: Style::new().fg(SLATE),
            key: Style::new().fg(BLUE),
            warning: Style::new().fg(ORANGE).add_modifier(Modifier::BOLD),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            highlight: Style::new()
                .fg(Color::Black)
                .bg(ORANGE)
                .add_modifier(Modifier::BOLD),
            toast: Style::new().fg(Color::Black).bg(GREEN),
            placeholder: Style::new().fg(SLATE),
        }
    }

    /// Dark text on a light terminal.
    pub fn light() -> Theme {
        let ink = Color::Rgb(0x20, 0x24, 0x28);
        Theme {
            title: Style::new().fg(ink).add_modifier(Modifier::BOLD),
            muted: Style::new().fg(Color::Rgb(0x5c, 0x66, 0x70)),
            accent: Style::new().fg(Color::Rgb(0xc4, 0x5c, 0x00)),
            stars: Style::new().fg(Color::Rgb(0x00, 0x8a, 0x34)),
            author: Style::new().fg(ink).add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::Rgb(0x9a, 0xa8, 0xb4)),
            selection: Style::new().bg(Color::Rgb(0xe4, 0xea, 0xf0)),
            selection_mark: Style::new().fg(Color::Rgb(0xc4, 0x5c, 0x00)),
            border: Style::new().fg(Color::Rgb(0xb0, 0xbb, 0xc4)),
            key: Style::new().fg(Color::Rgb(0x00, 0x6c, 0xa8)),
            warning: Style::new()
                .fg(Color::Rgb(0xb0, 0x40, 0x00))
                .add_modifier(Modifier::BOLD),
            highlight: Style::new()
                .fg(Color::Black)
                .bg(Color::Rgb(0xff, 0xc0, 0x70))
                .add_modifier(Modifier::BOLD),
            toast: Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(0x00, 0x8a, 0x34)),
            ..Theme::letterboxd()
        }
    }

    /// No colour: bold, underline and reverse carry the meaning (NO_COLOR).
    pub fn plain() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: bold,
            text: Style::new(),
            muted: Style::new(),
            accent: bold,
            stars: Style::new(),
            author: bold,
            bar: Style::new(),
            selection: Style::new().add_modifier(Modifier::UNDERLINED),
            selection_mark: bold,
            border: Style::new(),
            key: bold,
            warning: bold,
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            highlight: Style::new().add_modifier(Modifier::REVERSED),
            toast: Style::new().add_modifier(Modifier::REVERSED),
            placeholder: Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// Gives one role a colour (`[colors]` in the config); false for an unknown role.
    /// The colour a role has (its foreground or background, as the role uses it).
    pub fn color(&self, role: &str) -> Option<Color> {
        let (_, side) = ROLES.iter().find(|(r, _)| *r == role)?;
        let style = *self.clone().style_mut(role)?;
        match side {
            Side::Fg => style.fg,
            Side::Bg => style.bg,
        }
    }

    pub fn set(&mut self, role: &str, color: Color) -> bool {
        let Some((_, side)) = ROLES.iter().find(|(r, _)| *r == role) else {
            return false;
        };
        let Some(style) = self.style_mut(role) else {
            return false;
        };
        *style = match side {
            Side::Fg => style.fg(color),
            Side::Bg => style.bg(color),
        };
        true
    }

    /// The style a role names.
    fn style_mut(&mut self, role: &str) -> Option<&mut Style> {
        Some(match role {
            "title" => &mut self.title,
            "text" => &mut self.text,
            "muted" => &mut self.muted,
            "accent" => &mut self.accent,
            "stars" => &mut self.stars,
            "author" => &mut self.author,
            "bar" => &mut self.bar,
            "selection" => &mut self.selection,
            "selection_mark" => &mut self.selection_mark,
            "border" => &mut self.border,
            "key" => &mut self.key,
            "warning" => &mut self.warning,
            "highlight" => &mut self.highlight,
            "toast" => &mut self.toast,
            _ => return None,
        })
    }

    /// Every role's style, to change them all.
    pub fn styles_mut(&mut self) -> [&mut Style; 16] {
        [
            &mut self.title,
            &mut self.text,
            &mut self.muted,
            &mut self.accent,
            &mut self.stars,
            &mut self.author,
            &mut self.bar,
            &mut self.selection,
            &mut self.selection_mark,
            &mut self.border,
            &mut self.key,
            &mut self.warning,
            &mut self.cursor,
            &mut self.highlight,
            &mut self.toast,
            &mut self.placeholder,
        ]
    }

    /// Whether any role uses a colour (the plain theme uses none).
    pub fn has_color(&self) -> bool {
        [
            self.title,
            self.text,
            self.muted,
            self.accent,
            self.stars,
            self.author,
            self.bar,
            self.selection,
            self.selection_mark,
            self.border,
            self.key,
            self.warning,
            self.cursor,
            self.highlight,
            self.toast,
            self.placeholder,
        ]
        .iter()
        .any(|s| s.fg.is_some() || s.bg.is_some())
    }
}
