//! Open311 GeoReport v2 as XML, the standard's required format: a `GET requests` response
//! (`<service_requests>` of `<request>`) and a `GET services` list (`<services>` of
//! `<service>`), element by element in the order the structs serialise (the standard's),
//! a field without a value left out as the JSON leaves it. Decides nothing about what is
//! public: `domain::open311` does.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

/// Writes `item` as `<element>` with one child element per field that has a value.
pub fn element(out: &mut dyn Write, element: &str, item: &impl Serialize) -> Result<()> {
    let value = serde_json::to_value(item)?;
    let serde_json::Value::Object(fields) = value else {
        anyhow::bail!("an Open311 {element} serialises to an object");
    };
    writeln!(out, "  <{element}>")?;
    for (name, value) in fields {
        let text = super::scalar(&value);
        if value.is_null() {
            continue;
        }
        writeln!(out, "    <{name}>{}</{name}>", escape(&text))?;
    }
    writeln!(out, "  </{element}>")?;
    Ok(())
}

/// Text as XML 1.0 character data: the five markup characters escaped, and the control
/// characters XML cannot carry at all dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The service list as the standard's `services.json`: one array, one service per line.
pub fn write_services_json(
    out: &mut dyn Write,
    services: &[crate::domain::open311::Service],
) -> Result<()> {
    out.write_all(b"[")?;
    for (i, service) in services.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, service)?;
    }
    out.write_all(b"\n]\n")?;
    Ok(())
}

/// The service list as `services.xml`.
pub fn write_services(
    out: &mut dyn Write,
    services: &[crate::domain::open311::Service],
) -> Result<()> {
    out.write_all(DECLARATION.as_bytes())?;
    writeln!(out, "<services>")?;
    for service in services {
        element(out, "service", service)?;
    }
    writeln!(out, "</services>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_impossible_characters_dropped() {
        assert_eq!(
            escape("a < b & \"c\" > 'd'\u{1}\u{7}\n"),
            "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;\n"
        );
        assert_eq!(escape("Ổ gà"), "Ổ gà");
    }

    #[test]
    fn absent_fields_are_left_out() {
        #[derive(Serialize)]
        struct Item {
            a: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            b: Option<&'static str>,
            c: Option<f64>,
            d: bool,
        }
        let mut out = Vec::new();
        element(
            &mut out,
            "x",
            &Item {
                a: "1 & 2",
                b: None,
                c: None,
                d: false,
            },
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  <x>\n    <a>1 &amp; 2</a>\n    <d>false</d>\n  </x>\n"
        );
    }
}
