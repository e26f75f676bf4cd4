//! The typeface a slip is printed in: a TrueType font of the machine that has Vietnamese letters
//! (DejaVu Sans or Noto Sans on Linux, Arial on Windows and macOS), measured to wrap lines and
//! embedded, cut down to the letters used, in each PDF.

use std::path::Path;

use ttf_parser::{Face, GlyphId};

use crate::PrintError;

/// Fonts with Vietnamese letters, regular and bold, where each system keeps them.
const CANDIDATES: [(&str, &str); 5] = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    (r"C:\Windows\Fonts\arial.ttf", r"C:\Windows\Fonts\arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ("/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Bold.ttf"),
];

/// One TrueType font, checked when loaded.
#[derive(Clone)]
pub struct Font {
    data: Vec<u8>,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    cap_height: f32,
    bbox: [f32; 4],
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font").field("bytes", &self.data.len()).finish_non_exhaustive()
    }
}

/// The regular and the bold face of a slip.
#[derive(Debug, Clone)]
pub struct SlipFonts {
    pub regular: Font,
    pub bold: Font,
}

impl SlipFonts {
    /// The first pair of candidates this machine has; a missing bold face falls back to regular.
    pub fn from_system() -> Result<SlipFonts, PrintError> {
        for (regular, bold) in CANDIDATES {
            if Path::new(regular).is_file() {
                let regular = Font::read(Path::new(regular))?;
                let bold = Font::read(Path::new(bold)).unwrap_or_else(|_| regular.clone());
                return Ok(SlipFonts { regular, bold });
            }
        }
        Err(PrintError::NoFont)
    }
}

impl Font {
    pub fn read(path: &Path) -> Result<Font, PrintError> {
        let data = std::fs::read(path).map_err(|_| PrintError::NoFont)?;
        Font::from_bytes(data)
    }

    pub fn from_bytes(data: Vec<u8>) -> Result<Font, PrintError> {
        let face = Face::parse(&data, 0).map_err(|_| PrintError::NoFont)?;
        let units_per_em = f32::from(face.units_per_em());
        let rect = face.global_bounding_box();
        let (ascender, descender) = (f32::from(face.ascender()), f32::from(face.descender()));
        let cap_height = face.capital_height().map_or(ascender * 0.7, f32::from);
        let bbox = [rect.x_min, rect.y_min, rect.x_max, rect.y_max].map(f32::from);
        Ok(Font { data, units_per_em, ascender, descender, cap_height, bbox })
    }

    fn face(&self) -> Option<Face<'_>> {
        Face::parse(&self.data, 0).ok()
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let Some(face) = self.face() else { return 0.0 };
        let units: f32 = text
            .chars()
            .map(|c| {
                let glyph = face.glyph_index(c).unwrap_or(GlyphId(0));
                f32::from(face.glyph_hor_advance(glyph).unwrap_or(0))
            })
            .sum();
        units * size / self.units_per_em
    }

    /// The glyph of each character, 0 (the empty box) where the font has none.
    pub(crate) fn glyphs(&self, text: &str) -> Vec<(char, u16)> {
        let Some(face) = self.face() else { return text.chars().map(|c| (c, 0)).collect() };
        text.chars().map(|c| (c, face.glyph_index(c).map_or(0, |g| g.0))).collect()
    }

    /// A glyph's advance, in thousandths of the font size as PDF widths are given.
    pub(crate) fn advance(&self, glyph: u16) -> f32 {
        let advance = self.face().and_then(|face| face.glyph_hor_advance(GlyphId(glyph))).unwrap_or(0);
        self.to_thousandths(f32::from(advance))
    }

    pub(crate) fn data(&self) -> &[u8] {
        &self.data
    }

    pub(crate) fn to_thousandths(&self, units: f32) -> f32 {
        units * 1000.0 / self.units_per_em
    }

    /// Ascender, descender and cap height in thousandths, and the bounding box.
    pub(crate) fn metrics(&self) -> (f32, f32, f32, [f32; 4]) {
        let bbox = self.bbox.map(|v| self.to_thousandths(v));
        (
            self.to_thousandths(self.ascender),
            self.to_thousandths(self.descender),
            self.to_thousandths(self.cap_height),
            bbox,
        )
    }
}
