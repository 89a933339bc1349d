import GeoCore

/// Turns arbitrary text into XML names for `id` and `data-*` attributes.
enum XMLNames {
    /// `text` with every character that may not appear in an XML name replaced by `_`
    /// (letters of any script, digits, `-`, `_` and `.` are kept); prefixed with `_` when it does
    /// not start with a letter or `_`; "_" for empty text.
    static func id(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                || v == 0x2D || v == 0x5F || v == 0x2E || (v >= 0xC0 && v != 0xD7 && v != 0xF7 && !(0xD800...0xDFFF).contains(v)
                    && v <= 0xEFFFF && !(0x2000...0x206F).contains(v) && v != 0xFEFF && v < 0xFFF0)
            out.unicodeScalars.append(ok ? scalar : "_")
        }
        guard let first = out.unicodeScalars.first else { return "_" }
        let v = first.value
        let startsWell = (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F || v >= 0xC0
        return startsWell ? out : "_" + out
    }

    /// The `data-*` attribute name for a property, lower-cased and reduced to `[a-z0-9_-]`
    /// (`nil` when nothing is left, or the name would start with "xml").
    static func dataAttribute(_ field: String) -> String? {
        var out = ""
        for ch in field.lowercased().unicodeScalars {
            let v = ch.value
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || v == 0x2D || v == 0x5F {
                out.unicodeScalars.append(ch)
            }
        }
        guard let first = out.first, first.isLetter || first == "_", !out.hasPrefix("xml") else { return nil }
        return "data-" + out
    }

    /// A property value as attribute text; `nil` for null.
    static func text(_ value: PropertyValue) -> String? {
        switch value {
        case .null: nil
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)") : nil
        case .string(let s): s
        case .array(let a): a.compactMap(text).joined(separator: ",")
        case .object: nil
        }
    }
}
