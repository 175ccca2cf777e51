//! One standalone HTML file per language, with its stylesheet inside.

use pulldown_cmark_escape::{FmtWriter, escape_href, escape_html};

use super::inline::Inline;
use super::parallel::{self, ParallelContext};
use super::view::{self, Markup};
use super::{RenderContext, RenderError, Templates};

pub const TEMPLATE: &str = "letter.html.tera";
pub const STYLE: &str = "style.css";

pub struct Html;

impl Markup for Html {
    fn inline(&self, nodes: &[Inline]) -> String {
        nodes.iter().map(node).collect()
    }
}

fn node(n: &Inline) -> String {
    match n {
        Inline::Text(t) => escape(t),
        Inline::Code(t) => format!("<code>{}</code>", escape(t)),
        Inline::Emph(c) => format!("<em>{}</em>", Html.inline(c)),
        Inline::Strong(c) => format!("<strong>{}</strong>", Html.inline(c)),
        Inline::Link { url, children } => format!("<a href=\"{}\">{}</a>", href(url), Html.inline(children)),
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = escape_html(FmtWriter(&mut out), s);
    out
}

/// `escape_href` already writes `&` as `&amp;`, so escaping its output again
/// would break every link with a query string.
fn href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let _ = escape_href(FmtWriter(&mut out), url);
    out
}

pub fn render(ctx: &RenderContext) -> Result<Vec<u8>, RenderError> {
    let tera = ctx.templates.tera(escape, ".html.tera")?;
    let view = view::build(ctx, &Html);
    let mut context = view::context(&view)?;
    context
        .insert("tally_chart", &super::chart::svg(&view.signatories.tally, &view.labels, &view.count_line));
    insert_css(&mut context, ctx.templates);
    let html = ctx.templates.render(&tera, TEMPLATE, &context);
    view::free(context);
    Ok(html?.into_bytes())
}

/// The parallel edition: every language of `ctx`, paragraph by paragraph.
pub fn render_parallel(ctx: &ParallelContext) -> Result<Vec<u8>, RenderError> {
    let templates = ctx.own().templates;
    let tera = templates.tera(escape, ".html.tera")?;
    let mut context = parallel::context(&parallel::build_view(ctx, &Html))?;
    insert_css(&mut context, templates);
    Ok(templates.render(&tera, parallel::HTML_TEMPLATE, &context)?.into_bytes())
}

fn insert_css(context: &mut tera::Context, templates: &Templates) {
    let css = templates.get(STYLE).map_or("", |f| f.text.as_str());
    // A stylesheet cannot close its own <style> element.
    context.insert("css", &css.replace("</", "<\\/"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::inline::parse;

    proptest::proptest! {
        #[test]
        fn escaped_text_has_no_markup_and_reads_back(text in "\\PC{0,60}") {
            let escaped = escape(&text);
            proptest::prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
            let back = escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
            proptest::prop_assert_eq!(back, text);
        }
    }

    #[test]
    fn text_is_escaped_and_markup_kept() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
        assert_eq!(
            Html.inline(&parse("*a* <b> [c](https://x.org/?q=\"1\")")),
            "<em>a</em> &lt;b&gt; <a href=\"https://x.org/?q=%221%22\">c</a>"
        );
    }

    #[test]
    fn a_query_string_keeps_its_ampersand() {
        let html = Html.inline(&parse("[x](https://x.org/?a=1&b=2)"));
        assert_eq!(html, "<a href=\"https://x.org/?a=1&amp;b=2\">x</a>");
    }
}
