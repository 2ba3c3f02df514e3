//! The one escape for the markup the crate writes: the HTML report ([`super::html`], with its SVG
//! charts) and the what-if chart (`crate::whatif::svg`).
//!
//! Text goes into element content or attribute values in double quotes (the only quoting either
//! writer uses), so `&`, `<`, `>` and `"` are always replaced. The two writers differ in one
//! character, and each keeps its bytes: the HTML report also writes `'` as `&#39;`
//! ([`Quotes::Both`], [`esc`]); the what-if chart leaves it as it is ([`Quotes::Double`]).

/// Which quote characters [`escape`] replaces, besides `&`, `<` and `>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quotes {
    /// `"` only (`&quot;`); `'` stays as it is (the what-if chart).
    Double,
    /// `"` and `'` (`&quot;`, `&#39;`) (the HTML report).
    Both,
}

/// Escape text for HTML, XML and SVG (element content and double-quoted attribute values).
pub fn escape(s: &str, quotes: Quotes) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if quotes == Quotes::Both => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escape text for HTML and SVG (element content and quoted attribute values), `'` included:
/// [`escape`] with [`Quotes::Both`], the HTML report's escape (also `fudao::export::html::esc`).
pub fn esc(s: &str) -> String {
    escape(s, Quotes::Both)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn double_keeps_the_apostrophe() {
        assert_eq!(
            escape("<b>O'Brien & \"Co\"</b>", Quotes::Double),
            "&lt;b&gt;O'Brien &amp; &quot;Co&quot;&lt;/b&gt;"
        );
        assert_eq!(escape("中文，不转义", Quotes::Both), "中文，不转义");
    }
}
