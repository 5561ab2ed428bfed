//! Colour, used only on a terminal and never when NO_COLOR is set.

use anstyle::{AnsiColor, Style};

/// Styles for the human views; all plain when colour is off.
#[derive(Debug, Clone, Copy, Default)]
pub struct Palette {
    pub heading: Style,
    pub good: Style,
    pub warn: Style,
    pub bad: Style,
    pub dim: Style,
    pub accent: Style,
}

impl Palette {
    pub fn new(color: bool) -> Palette {
        if !color {
            return Palette::default();
        }
        Palette {
            heading: Style::new().bold(),
            good: AnsiColor::Green.on_default(),
            warn: AnsiColor::Yellow.on_default(),
            bad: AnsiColor::Red.on_default().bold(),
            dim: Style::new().dimmed(),
            accent: AnsiColor::Cyan.on_default(),
        }
    }

    /// `text` wrapped in `style` (no escape codes for a plain style).
    pub fn paint(&self, style: Style, text: &str) -> String {
        if style == Style::new() {
            text.to_string()
        } else {
            format!("{style}{text}{style:#}")
        }
    }
}
