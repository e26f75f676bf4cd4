//! Lays a slip out on 80 mm receipt paper (one strip as long as the slip) or on A4 pages, and
//! writes it as a PDF with its fonts embedded, so that CUPS prints it the same on any printer.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str, TextStr};
use qrcode::{Color, EcLevel, QrCode};
use subsetter::GlyphRemapper;

use crate::PrintError;
use crate::font::{Font, SlipFonts};
use crate::slip::{Block, Slip};

/// The paper a printer holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// An 80 mm receipt roll (72 mm printable), cut after each slip.
    Receipt80,
    A4,
}

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;

/// Sizes for one paper, in points.
#[derive(Debug, Clone, Copy)]
struct Style {
    page_width: f32,
    /// `None` for a roll: the page is as long as the slip.
    page_height: Option<f32>,
    margin: f32,
    title: f32,
    heading: f32,
    body: f32,
    small: f32,
    qr: f32,
    gap: f32,
}

/// A slip laid out: the PDF, and the CUPS `media` it is cut for (A4, or a strip of the roll
/// exactly as long as the slip).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub media: String,
}

impl Paper {
    fn style(self) -> Style {
        match self {
            Paper::Receipt80 => Style {
                page_width: 80.0 * MM,
                page_height: None,
                margin: 4.0 * MM,
                title: 12.0,
                heading: 10.5,
                body: 9.0,
                small: 7.5,
                qr: 30.0 * MM,
                gap: 5.0,
            },
            Paper::A4 => Style {
                page_width: 210.0 * MM,
                page_height: Some(297.0 * MM),
                margin: 20.0 * MM,
                title: 18.0,
                heading: 14.0,
                body: 12.0,
                small: 9.5,
                qr: 32.0 * MM,
                gap: 9.0,
            },
        }
    }
}

/// Lays `slip` out on `paper` and writes the PDF.
pub fn render(slip: &Slip, paper: Paper, fonts: &SlipFonts) -> Result<Rendered, PrintError> {
    let mut layout = Layout::new(paper.style(), fonts);
    layout.slip(slip);
    let (pages, height) = layout.finish();
    let media = match paper {
        Paper::A4 => "A4".to_owned(),
        Paper::Receipt80 => format!("Custom.80x{:.0}mm", height / MM),
    };
    Ok(Rendered { pdf: write(&pages, paper.style().page_width, height, fonts)?, media })
}

/// Something drawn, with `y` measured down from the top of its page.
#[derive(Debug, Clone)]
enum Op {
    /// Text whose baseline is at `y`.
    Text { x: f32, y: f32, size: f32, bold: bool, text: String },
    /// A filled black box (a QR module run).
    Box { x: f32, y: f32, w: f32, h: f32 },
    /// A thin horizontal line.
    Rule { x: f32, y: f32, w: f32 },
}

struct Layout<'f> {
    style: Style,
    fonts: &'f SlipFonts,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'f> Layout<'f> {
    fn new(style: Style, fonts: &'f SlipFonts) -> Layout<'f> {
        Layout { style, fonts, pages: vec![Vec::new()], y: style.margin }
    }

    fn width(&self) -> f32 {
        self.style.page_width - 2.0 * self.style.margin
    }

    /// Starts a new page when `height` more does not fit on this one (A4 only).
    fn room(&mut self, height: f32) {
        if let Some(page_height) = self.style.page_height
            && self.y + height > page_height - self.style.margin
            && self.pages.last().is_some_and(|ops| !ops.is_empty())
        {
            self.pages.push(Vec::new());
            self.y = self.style.margin;
        }
    }

    fn draw(&mut self, op: Op) {
        if let Some(ops) = self.pages.last_mut() {
            ops.push(op);
        }
    }

    fn slip(&mut self, slip: &Slip) {
        self.paragraph(&slip.title, self.style.title, true, 0.0);
        self.y += self.style.gap;
        for block in &slip.blocks {
            match block {
                Block::Heading(text) => self.paragraph(text, self.style.heading, true, 0.0),
                Block::Text(text) => self.paragraph(text, self.style.body, false, 0.0),
                Block::Steps(steps) => self.steps(steps),
                Block::Fields(fields) => {
                    for (label, value) in fields {
                        self.paragraph(&format!("{label}: {value}"), self.style.body, false, 0.0);
                    }
                }
                Block::Qr { data, caption } => self.qr(data, caption),
                Block::Rule => self.rule(),
            }
            self.y += self.style.gap / 2.0;
        }
        self.y += self.style.gap;
        self.paragraph(&slip.footer, self.style.small, false, 0.0);
    }

    /// Wrapped lines of text, indented by `indent`.
    fn paragraph(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        let font = if bold { &self.fonts.bold } else { &self.fonts.regular };
        let lines = wrap(font, text, size, self.width() - indent);
        for line in lines {
            self.line(line, size, bold, indent);
        }
    }

    fn line(&mut self, text: String, size: f32, bold: bool, indent: f32) {
        let height = size * 1.35;
        self.room(height);
        let baseline = self.y + size;
        let x = self.style.margin + indent;
        self.draw(Op::Text { x, y: baseline, size, bold, text });
        self.y += height;
    }

    /// Numbered steps with a hanging indent.
    fn steps(&mut self, steps: &[String]) {
        let size = self.style.body;
        let indent = self.fonts.bold.width("10. ", size);
        for (n, step) in steps.iter().enumerate() {
            let lines = wrap(&self.fonts.regular, step, size, self.width() - indent);
            for (i, line) in lines.into_iter().enumerate() {
                if i == 0 {
                    self.room(size * 1.35);
                    let (x, y) = (self.style.margin, self.y + size);
                    self.draw(Op::Text { x, y, size, bold: true, text: format!("{}.", n + 1) });
                }
                self.line(line, size, false, indent);
            }
            self.y += self.style.gap / 3.0;
        }
    }

    fn rule(&mut self) {
        self.room(self.style.gap);
        let (x, y, w) = (self.style.margin, self.y + self.style.gap / 2.0, self.width());
        self.draw(Op::Rule { x, y, w });
        self.y += self.style.gap;
    }

    /// A QR code, dark modules as boxes (runs along a row merged), with its caption under it.
    fn qr(&mut self, data: &str, caption: &str) {
        let Ok(code) = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M) else {
            self.paragraph(data, self.style.small, false, 0.0);
            return;
        };
        let modules = code.width();
        let colors = code.to_colors();
        let size = self.style.qr;
        self.room(size + self.style.small * 1.5);
        let module = size / modules as f32;
        let (left, top) = (self.style.margin, self.y);
        for row in 0..modules {
            let mut col = 0;
            while col < modules {
                if colors[row * modules + col] == Color::Dark {
                    let start = col;
                    while col < modules && colors[row * modules + col] == Color::Dark {
                        col += 1;
                    }
                    let (x, y) = (left + start as f32 * module, top + row as f32 * module);
                    self.draw(Op::Box { x, y, w: (col - start) as f32 * module, h: module });
                } else {
                    col += 1;
                }
            }
        }
        self.y += size + self.style.gap / 2.0;
        self.paragraph(caption, self.style.small, false, 0.0);
    }

    /// The pages, and their height: A4's, or the roll's length for this slip in whole
    /// millimetres (what a printer's custom page size takes).
    fn finish(self) -> (Vec<Vec<Op>>, f32) {
        let roll = ((self.y + self.style.margin) / MM).ceil() * MM;
        (self.pages, self.style.page_height.unwrap_or(roll))
    }
}

/// Greedy line breaking at spaces; a word wider than the line is cut between letters.
fn wrap(font: &Font, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if font.width(&candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            let mut longer = line.clone();
            longer.push(c);
            if font.width(&longer, size) > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// One embedded face: its resource name, the glyphs the slip uses, renumbered for the subset.
struct Embedded<'f> {
    font: &'f Font,
    resource: &'static [u8],
    base_name: &'static [u8],
    remapper: GlyphRemapper,
    /// New glyph number → the character it shows, for copying and searching the text.
    chars: BTreeMap<u16, char>,
}

impl<'f> Embedded<'f> {
    fn new(font: &'f Font, resource: &'static [u8], base_name: &'static [u8]) -> Embedded<'f> {
        let mut remapper = GlyphRemapper::new();
        remapper.remap(0);
        Embedded { font, resource, base_name, remapper, chars: BTreeMap::new() }
    }

    /// The text as two-byte numbers of the subset's glyphs.
    fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(text.len() * 2);
        for (c, glyph) in self.font.glyphs(text) {
            let new = self.remapper.remap(glyph);
            self.chars.entry(new).or_insert(c);
            bytes.extend(new.to_be_bytes());
        }
        bytes
    }
}

fn write(pages: &[Vec<Op>], page_width: f32, page_height: f32, fonts: &SlipFonts) -> Result<Vec<u8>, PrintError> {
    let mut faces =
        [Embedded::new(&fonts.regular, b"F1", b"DVCLNK+Regular"), Embedded::new(&fonts.bold, b"F2", b"DVCLNK+Bold")];
    let mut contents = Vec::with_capacity(pages.len());
    for ops in pages {
        let mut content = Content::new();
        for op in ops {
            match op {
                Op::Text { x, y, size, bold, text } => {
                    let face = &mut faces[usize::from(*bold)];
                    let encoded = face.encode(text);
                    content.begin_text();
                    content.set_font(Name(face.resource), *size);
                    content.set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, page_height - y]);
                    content.show(Str(&encoded));
                    content.end_text();
                }
                Op::Box { x, y, w, h } => {
                    content.set_fill_gray(0.0);
                    content.rect(*x, page_height - y - h, *w, *h);
                    content.fill_nonzero();
                }
                Op::Rule { x, y, w } => {
                    content.set_line_width(0.6);
                    content.move_to(*x, page_height - y);
                    content.line_to(x + w, page_height - y);
                    content.stroke();
                }
            }
        }
        contents.push(content.finish());
    }

    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        let id = Ref::new(next);
        next += 1;
        id
    };
    let (catalog, tree, info) = (alloc(), alloc(), alloc());
    let font_refs: Vec<Ref> = faces.iter().map(|_| alloc()).collect();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_refs.iter().map(|(page, _)| *page)).count(page_refs.len() as i32);
    // The document's title stays in the printer's history: it names nobody.
    pdf.document_info(info).title(TextStr("dvclink"));
    for ((page, content_ref), content) in page_refs.iter().zip(&contents) {
        let mut writer = pdf.page(*page);
        writer.parent(tree).media_box(Rect::new(0.0, 0.0, page_width, page_height)).contents(*content_ref);
        let mut resources = writer.resources();
        let mut dict = resources.fonts();
        for (face, id) in faces.iter().zip(&font_refs) {
            dict.pair(Name(face.resource), *id);
        }
        drop(dict);
        drop(resources);
        drop(writer);
        pdf.stream(*content_ref, content);
    }
    for (face, type0) in faces.iter().zip(&font_refs) {
        let (cid, descriptor, file, cmap) = (alloc(), alloc(), alloc(), alloc());
        let subset = subsetter::subset(face.font.data(), 0, &face.remapper).map_err(|_| PrintError::NoFont)?;
        let info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
        pdf.type0_font(*type0)
            .base_font(Name(face.base_name))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap);
        let mut cid_font = pdf.cid_font(cid);
        cid_font
            .subtype(CidFontType::Type2)
            .base_font(Name(face.base_name))
            .system_info(info)
            .font_descriptor(descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        let widths: Vec<f32> = face.remapper.remapped_gids().map(|old| face.font.advance(old)).collect();
        cid_font.widths().consecutive(0, widths);
        drop(cid_font);
        let (ascent, descent, cap_height, bbox) = face.font.metrics();
        pdf.font_descriptor(descriptor)
            .name(Name(face.base_name))
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(bbox[0], bbox[1], bbox[2], bbox[3]))
            .italic_angle(0.0)
            .ascent(ascent)
            .descent(descent)
            .cap_height(cap_height)
            .stem_v(80.0)
            .font_file2(file);
        pdf.stream(file, &subset);
        let mut unicode = UnicodeCmap::new(Name(b"Custom"), info);
        for (glyph, c) in &face.chars {
            unicode.pair(*glyph, *c);
        }
        pdf.cmap(cmap, &unicode.finish());
    }
    Ok(pdf.finish())
}
