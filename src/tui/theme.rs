//! Colours and text styles by role, in Letterboxd's palette: orange, green and blue accents
//! on the terminal's own background.

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
}

const ORANGE: Color = Color::Rgb(0xff, 0x80, 0x00);
const GREEN: Color = Color::Rgb(0x00, 0xe0, 0x54);
const BLUE: Color = Color::Rgb(0x40, 0xbc, 0xf4);
const GREY: Color = Color::Rgb(0x99, 0xaa, 0xbb);
const DARK: Color = Color::Rgb(0x2c, 0x34, 0x40);
const SLATE: Color = Color::Rgb(0x45, 0x56, 0x67);

impl Default for Theme {
    fn default() -> Theme {
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
            toast: Style::new().fg(Color::Black).bg(GREEN),
            highlight: Style::new()
                .fg(Color::Black)
                .bg(ORANGE)
                .add_modifier(Modifier::BOLD),
        }
    }
}
