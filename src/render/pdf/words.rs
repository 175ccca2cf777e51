//! A paragraph's text cut into fragments for the line breaker: words at
//! their spaces (but for those tied to the next), words at their hyphenation points, and (rarely) a word too
//! wide for any line wherever it must be cut.

use hypher::Lang;

use super::fonts::{Face, Fonts, Slot};
use super::hyphenate;
use super::linebreak::Frag;
use super::style::Para;
use super::ties;

#[derive(Debug, Clone)]
pub struct Span {
    pub text: String,
    pub face: Face,
    pub link: Option<usize>,
    /// Part of a bold lead at the start of the paragraph.
    pub lead: bool,
    /// The font that draws it: the face, or a fallback for another script.
    pub slot: Slot,
    /// Written right to left.
    pub rtl: bool,
}

struct Word {
    spans: Vec<Span>,
    glue: f32,
}

pub struct Piece {
    pub span: Span,
    pub width: f32,
}

/// Splits words at their break points; a piece too wide for any line
/// is cut wherever it must.
pub fn fragments(
    spans: &[Span],
    fonts: &Fonts,
    lang: Option<Lang>,
    style: &Para,
    max: f32,
) -> (Vec<Frag>, Vec<Vec<Piece>>) {
    let words = words(spans, fonts, style.size);
    let texts: Vec<String> =
        words.iter().map(|w| w.spans.iter().map(|s| s.text.as_str()).collect()).collect();
    let (mut frags, mut pieces) = (Vec::new(), Vec::new());
    for ((word, text), tie) in words.iter().zip(&texts).zip(ties::ties(&texts)) {
        let points = if style.hyphenate { hyphenate::points(text, lang) } else { Vec::new() };
        let parts = split_spans(&word.spans, &points);
        let count = parts.len();
        for (i, (part, hyphen)) in parts.into_iter().enumerate() {
            let measured: Vec<Piece> = part.into_iter().map(|s| piece(s, fonts, style.size)).collect();
            for chunk in cut_to_fit(measured, max, fonts, style.size) {
                let width = chunk.iter().map(|p| p.width).sum();
                let hyphen_width = if hyphen { hyphen_width(&chunk, fonts, style.size) } else { 0.0 };
                frags.push(Frag { width, hyphen: hyphen_width, ..Frag::default() });
                pieces.push(chunk);
            }
            if i + 1 == count
                && let Some(last) = frags.last_mut()
            {
                last.glue = word.glue;
                last.tie = tie;
            }
        }
    }
    (frags, pieces)
}

fn piece(span: Span, fonts: &Fonts, size: f32) -> Piece {
    let width = fonts.measure_in(span.face, span.slot, &span.text) * size;
    Piece { span, width }
}

fn hyphen_width(chunk: &[Piece], fonts: &Fonts, size: f32) -> f32 {
    let face = chunk.last().map_or(Face::Regular, |p| p.span.face);
    fonts.face(face).measure("-") * size
}

/// Words with the width of the space after each.
fn words(spans: &[Span], fonts: &Fonts, size: f32) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut open = false;
    for span in spans {
        for (i, part) in span.text.split(' ').enumerate() {
            if i > 0 && open {
                if let Some(w) = out.last_mut() {
                    w.glue = fonts.face(span.face).measure(" ") * size;
                }
                open = false;
            }
            if part.is_empty() {
                continue;
            }
            if !open {
                out.push(Word { spans: Vec::new(), glue: 0.0 });
                open = true;
            }
            if let Some(w) = out.last_mut() {
                w.spans.push(Span { text: part.to_string(), ..span.clone() });
            }
        }
    }
    out
}

/// A word's spans cut at its break points: (spans, ends with a hyphen).
fn split_spans(spans: &[Span], points: &[hyphenate::Point]) -> Vec<(Vec<Span>, bool)> {
    let mut parts: Vec<(Vec<Span>, bool)> = Vec::new();
    let mut current = Vec::new();
    let mut offset = 0;
    let mut next = points.iter().peekable();
    for span in spans {
        let mut start = 0;
        while let Some(p) = next.next_if(|p| p.at <= offset + span.text.len()) {
            let cut = p.at - offset;
            if cut > start {
                current.push(Span { text: span.text[start..cut].into(), ..span.clone() });
            }
            parts.push((std::mem::take(&mut current), p.hyphen));
            start = cut;
        }
        if start < span.text.len() {
            current.push(Span { text: span.text[start..].into(), ..span.clone() });
        }
        offset += span.text.len();
    }
    parts.push((current, false));
    parts.retain(|(v, _)| !v.is_empty());
    parts
}

/// Cuts pieces wider than `max` between characters; most never are.
fn cut_to_fit(pieces: Vec<Piece>, max: f32, fonts: &Fonts, size: f32) -> Vec<Vec<Piece>> {
    if pieces.iter().map(|p| p.width).sum::<f32>() <= max {
        return vec![pieces];
    }
    let mut chunks: Vec<Vec<Piece>> = vec![Vec::new()];
    let mut used = 0.0;
    for piece in pieces {
        let mut buf = [0; 4];
        for c in piece.span.text.chars() {
            let w = fonts.measure_in(piece.span.face, piece.span.slot, c.encode_utf8(&mut buf)) * size;
            if used + w > max && used > 0.0 {
                chunks.push(Vec::new());
                used = 0.0;
            }
            used += w;
            let chunk = chunks.last_mut().expect("never empty");
            match chunk.last_mut() {
                Some(p)
                    if p.span.face == piece.span.face
                        && p.span.link == piece.span.link
                        && p.span.slot == piece.span.slot =>
                {
                    p.span.text.push(c);
                    p.width += w;
                }
                _ => chunk.push(Piece { span: Span { text: c.to_string(), ..piece.span.clone() }, width: w }),
            }
        }
    }
    chunks
}
