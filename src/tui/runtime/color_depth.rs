//! Colours a terminal can show. The themes are written in 24-bit colour; a terminal that
//! does not say it has that (`COLORTERM`) gets the nearest of xterm's 256, or of the 16
//! basic colours when its `TERM` does not name 256 either.

use ratatui::style::{Color, Style};

use crate::tui::theme::Theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Indexed256,
    Basic16,
}

impl ColorDepth {
    /// What `COLORTERM` and `TERM` say.
    pub fn from_env(colorterm: Option<&str>, term: Option<&str>) -> ColorDepth {
        let colorterm = colorterm.unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            return ColorDepth::TrueColor;
        }
        match term {
            Some(term) if term.contains("256") || term.contains("direct") => ColorDepth::Indexed256,
            _ => ColorDepth::Basic16,
        }
    }

    /// This terminal's, from its environment.
    pub fn detect() -> ColorDepth {
        let colorterm = std::env::var("COLORTERM").ok();
        let term = std::env::var("TERM").ok();
        ColorDepth::from_env(colorterm.as_deref(), term.as_deref())
    }

    /// `color` as near as this depth shows it.
    pub fn show(self, color: Color) -> Color {
        match (self, rgb(color)) {
            (ColorDepth::TrueColor, _) | (_, None) => color,
            (ColorDepth::Indexed256, Some(_)) if matches!(color, Color::Indexed(_)) => color,
            (ColorDepth::Indexed256, Some(rgb)) => Color::Indexed(nearest_256(rgb)),
            (ColorDepth::Basic16, Some(rgb)) => nearest_16(rgb),
        }
    }
}

impl Theme {
    /// The theme in the colours `depth` shows.
    pub fn for_depth(mut self, depth: ColorDepth) -> Theme {
        for style in self.styles_mut() {
            *style = Style {
                fg: style.fg.map(|c| depth.show(c)),
                bg: style.bg.map(|c| depth.show(c)),
                underline_color: style.underline_color.map(|c| depth.show(c)),
                ..*style
            };
        }
        self
    }
}

type Rgb = (u8, u8, u8);

/// The basic colours as xterm draws them.
const BASIC: [(Color, Rgb); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// The levels of xterm's 6x6x6 colour cube.
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// A colour's red, green and blue, when it has ones to convert (24-bit, or one of the 256).
fn rgb(color: Color) -> Option<Rgb> {
    match color {
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) => Some(indexed_rgb(i)),
        _ => None,
    }
}

fn indexed_rgb(i: u8) -> Rgb {
    match i {
        0..=15 => BASIC[usize::from(i)].1,
        16..=231 => {
            let i = i - 16;
            (
                CUBE[usize::from(i / 36)],
                CUBE[usize::from(i / 6 % 6)],
                CUBE[usize::from(i % 6)],
            )
        }
        _ => {
            let level = 8 + 10 * (i - 232);
            (level, level, level)
        }
    }
}

fn distance(a: Rgb, b: Rgb) -> u32 {
    let d = |x: u8, y: u8| u32::from(x.abs_diff(y)).pow(2);
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

/// The nearest of xterm's colours 16 to 255 (the first 16 differ between terminals).
fn nearest_256(rgb: Rgb) -> u8 {
    (16..=255u8)
        .min_by_key(|&i| distance(rgb, indexed_rgb(i)))
        .unwrap_or(16)
}

fn nearest_16(rgb: Rgb) -> Color {
    BASIC
        .iter()
        .min_by_key(|(_, basic)| distance(rgb, *basic))
        .map_or(Color::White, |(color, _)| *color)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_says_how_many_colours_it_has() {
        let depth = ColorDepth::from_env;
        assert_eq!(
            depth(Some("truecolor"), Some("xterm-256color")),
            ColorDepth::TrueColor
        );
        assert_eq!(depth(Some("24bit"), None), ColorDepth::TrueColor);
        assert_eq!(depth(None, Some("xterm-256color")), ColorDepth::Indexed256);
        assert_eq!(depth(None, Some("screen")), ColorDepth::Basic16);
        assert_eq!(depth(None, None), ColorDepth::Basic16);
    }

    #[test]
    fn colours_become_the_nearest_the_terminal_has() {
        let orange = Color::Rgb(0xff, 0x80, 0x00);
        assert_eq!(ColorDepth::TrueColor.show(orange), orange);
        assert_eq!(ColorDepth::Indexed256.show(orange), Color::Indexed(208));
        assert_eq!(
            ColorDepth::Indexed256.show(Color::Rgb(0, 0, 0)),
            Color::Indexed(16)
        );
        assert_eq!(
            ColorDepth::Basic16.show(Color::Rgb(0, 0xe0, 0x54)),
            Color::Green
        );
        assert_eq!(ColorDepth::Basic16.show(Color::Indexed(236)), Color::Black);
        // Named colours are the terminal's own already.
        assert_eq!(ColorDepth::Basic16.show(Color::White), Color::White);
    }

    #[test]
    fn a_theme_for_sixteen_colours_has_no_other() {
        let theme = Theme::letterboxd().for_depth(ColorDepth::Basic16);
        for style in theme.clone().styles_mut() {
            for color in [style.fg, style.bg].into_iter().flatten() {
                assert!(
                    !matches!(color, Color::Rgb(..) | Color::Indexed(_)),
                    "{color:?}"
                );
            }
        }
    }
}
