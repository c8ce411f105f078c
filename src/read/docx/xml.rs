//! A small XML event scanner for the XML Word writes: tags with attributes, text, and
//! CDATA; comments, processing instructions and DOCTYPE are passed over.
//!
//! Names are compared by their local part (`w:p` is `p`): Word's documents use a handful
//! of fixed prefixes, so namespaces are not resolved. Nesting is not checked (the readers
//! track structure with counters and tolerate what Word tolerates); markup left open at
//! the end of the input is an error. Entity references are decoded by the HTML decoder,
//! which knows XML's five and numeric references and leaves unknown ones as written.

use super::super::entities;
use crate::find::find;
use std::borrow::Cow;

/// A piece of XML.
pub(super) enum Event<'a> {
    /// `<name …>`.
    Start(Tag<'a>),
    /// `<name …/>`.
    Empty(Tag<'a>),
    /// `</name>`: the local name.
    End(&'a str),
    /// Character data, references not yet decoded (see [`unescape`]).
    Text(&'a str),
    /// The content of `<![CDATA[…]]>`, literal.
    CData(&'a str),
}

/// A start or empty tag.
pub(super) struct Tag<'a> {
    /// The local name: `p` for `<w:p>`.
    pub(super) name: &'a str,
    /// Everything after the name, up to `>` or `/>`.
    attributes: &'a str,
}

/// `w:p` → `p`.
fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

impl Tag<'_> {
    /// The decoded value of the first attribute whose local name is `name`; `None` also
    /// when the attributes are malformed before it.
    pub(super) fn attribute(&self, name: &str) -> Option<String> {
        let mut rest = self.attributes;
        loop {
            let (key, after) = rest.split_once('=')?;
            let after = after.trim_start();
            let quote = after.chars().next().filter(|&q| q == '"' || q == '\'')?;
            let (value, next) = after.get(1..)?.split_once(quote)?;
            if local(key.trim()) == name {
                return Some(unescape(value).into_owned());
            }
            rest = next;
        }
    }
}

/// `text` with its entity and character references decoded.
pub(super) fn unescape(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find('&') else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(text.get(..first).unwrap_or(""));
    let mut rest = text.get(first..).unwrap_or("");
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        rest = rest.get(amp..).unwrap_or("");
        let (c, len) = entities::decode(rest).unwrap_or(('&', 1));
        out.push(c);
        rest = rest.get(len..).unwrap_or("");
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Reads the events of an XML document in order.
pub(super) struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    pub(super) fn new(xml: &'a str) -> Reader<'a> {
        Reader { rest: xml }
    }

    /// Moves past `len` bytes, returning them. Every `len` passed here ends at an ASCII
    /// delimiter, so the slices stay on character boundaries.
    fn take(&mut self, len: usize) -> &'a str {
        let (taken, rest) = self.rest.split_at_checked(len).unwrap_or((self.rest, ""));
        self.rest = rest;
        taken
    }

    /// The next event, `Ok(None)` at the end of the input, or what is left open.
    pub(super) fn next(&mut self) -> Result<Option<Event<'a>>, &'static str> {
        loop {
            let rest = self.rest;
            if rest.is_empty() {
                return Ok(None);
            }
            if !rest.starts_with('<') {
                let text = self.take(rest.find('<').unwrap_or(rest.len()));
                return Ok(Some(Event::Text(text)));
            }
            // Where `end` closes what `open` opened, searched for after the opening.
            let close = |open: &str, end: &str, what| {
                let after = rest.get(open.len()..).unwrap_or("");
                find(after, end)
                    .map(|at| open.len() + at + end.len())
                    .ok_or(what)
            };
            if rest.starts_with("<!--") {
                let end = close("<!--", "-->", "a comment is not closed")?;
                self.take(end);
            } else if rest.starts_with("<![CDATA[") {
                let end = close("<![CDATA[", "]]>", "a CDATA section is not closed")?;
                let data = self.take(end).get(9..).unwrap_or("");
                return Ok(Some(Event::CData(data.strip_suffix("]]>").unwrap_or(data))));
            } else if rest.starts_with("<?") {
                let end = close("<?", "?>", "a processing instruction is not closed")?;
                self.take(end);
            } else if rest.starts_with("<!") {
                let end = declaration_end(rest).ok_or("a declaration is not closed")?;
                self.take(end + 1);
            } else {
                let end = tag_end(rest).ok_or("a tag is not closed")?;
                let tag = self.take(end + 1);
                let inner = tag.get(1..end).unwrap_or("");
                if let Some(name) = inner.strip_prefix('/') {
                    return Ok(Some(Event::End(local(name.trim_end()))));
                }
                let (inner, empty) = match inner.strip_suffix('/') {
                    Some(inner) => (inner, true),
                    None => (inner, false),
                };
                let name_len = inner
                    .bytes()
                    .position(|b| b.is_ascii_whitespace())
                    .unwrap_or(inner.len());
                let (name, attributes) = inner.split_at_checked(name_len).unwrap_or((inner, ""));
                let tag = Tag {
                    name: local(name),
                    attributes,
                };
                return Ok(Some(if empty {
                    Event::Empty(tag)
                } else {
                    Event::Start(tag)
                }));
            }
        }
    }
}

/// Where the tag at the start of `s` ends: its `>`, outside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i),
            None => {}
        }
    }
    None
}

/// Where the `<!…>` declaration at the start of `s` ends: at the `>` that balances its
/// `<`, as a DOCTYPE's internal subset holds declarations of its own.
fn declaration_end(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'<' => depth += 1,
            b'>' if depth <= 1 => return Some(i),
            b'>' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events of `xml` written out compactly, or the error after them.
    fn events(xml: &str) -> String {
        let mut reader = Reader::new(xml);
        let mut out = Vec::new();
        loop {
            match reader.next() {
                Ok(Some(Event::Start(t))) => out.push(format!("<{}>", t.name)),
                Ok(Some(Event::Empty(t))) => out.push(format!("<{}/>", t.name)),
                Ok(Some(Event::End(name))) => out.push(format!("</{name}>")),
                Ok(Some(Event::Text(text))) => out.push(format!("{:?}", unescape(text))),
                Ok(Some(Event::CData(text))) => out.push(format!("cdata {text:?}")),
                Ok(None) => return out.join(" "),
                Err(e) => return format!("{} error: {e}", out.join(" ")),
            }
        }
    }

    #[test]
    fn tags_text_and_references() {
        assert_eq!(
            events(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY e \"<x>\">]><!-- <w:t> -->\
                 <w:p a=\"1\"><w:t xml:space='preserve'>A&amp;B &lt;&#x4E00;&#12288;&bogus; &</w:t>\
                 <w:br/><w:tab /><![CDATA[<b>&amp;]]></w:p >"
            ),
            "\"\\n\" <p> <t> \"A&B <一\\u{3000}&bogus; &\" </t> <br/> <tab/> cdata \"<b>&amp;\" </p>"
        );
    }

    #[test]
    fn attributes_by_local_name() {
        let mut reader =
            Reader::new("<w:lvl w:ilvl = '2' w:tplc=\"a>b\" Type=\"x&quot;y\" w:val=\"\"/>");
        let Ok(Some(Event::Empty(tag))) = reader.next() else {
            panic!("an empty tag")
        };
        assert_eq!(tag.name, "lvl");
        assert_eq!(tag.attribute("ilvl").as_deref(), Some("2"));
        assert_eq!(tag.attribute("tplc").as_deref(), Some("a>b"));
        assert_eq!(tag.attribute("Type").as_deref(), Some("x\"y"));
        assert_eq!(tag.attribute("val").as_deref(), Some(""));
        assert_eq!(tag.attribute("missing"), None);
        let malformed = Tag {
            name: "x",
            attributes: " a=1 b=\"2\"",
        };
        assert_eq!(malformed.attribute("b"), None);
    }

    #[test]
    fn open_markup_at_the_end_is_an_error() {
        for (xml, error) in [
            ("<w:t>a</w:t", "a tag is not closed"),
            ("<a b=\">\"", "a tag is not closed"),
            ("a<!-- x", "a comment is not closed"),
            ("<![CDATA[x]]", "a CDATA section is not closed"),
            ("<?xml", "a processing instruction is not closed"),
            (
                "<!DOCTYPE [ <!ENTITY x \"y\"> ",
                "a declaration is not closed",
            ),
            ("<?>", "a processing instruction is not closed"),
            ("<!-->", "a comment is not closed"),
            ("<", "a tag is not closed"),
        ] {
            assert!(events(xml).ends_with(error), "{xml}: {}", events(xml));
        }
        // Unbalanced nesting is the readers' business.
        assert_eq!(events("</a><b></c>"), "</a> <b> </c>");
    }

    #[test]
    fn any_text_scans_to_the_end() {
        let pieces = [
            "<", ">", "/", "&", ";", "#", "x", "\"", "'", "=", "!", "?", "[", "]", "-", "一", " ",
            "a", ":",
        ];
        // Every string of up to four pieces: the scanner ends, and never panics.
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
                .collect();
            for s in &longer {
                let mut reader = Reader::new(s);
                let mut steps = 0;
                while let Ok(Some(event)) = reader.next() {
                    if let Event::Start(tag) | Event::Empty(tag) = event {
                        let _ = tag.attribute("a");
                    }
                    steps += 1;
                    assert!(steps <= s.len(), "{s:?}");
                }
            }
            strings = longer;
        }
    }
}
