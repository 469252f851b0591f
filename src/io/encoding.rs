//! Text encodings of spreadsheet exports: UTF-8 (with or without BOM),
//! UTF-16 (with BOM, as Excel's "Unicode text"), and Windows-1252.

use std::io::Read;

/// How a file's bytes are turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8; `bom` when the file starts with EF BB BF.
    Utf8 {
        /// The file starts with a byte-order mark.
        bom: bool,
    },
    /// UTF-16 little-endian, with BOM.
    Utf16Le,
    /// UTF-16 big-endian, with BOM.
    Utf16Be,
    /// Windows-1252 (the usual "ANSI" of Western Windows; a superset of ISO-8859-1's printable range).
    Windows1252,
}

impl Encoding {
    /// A name for reports.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 { bom: true } => "UTF-8 (with BOM)",
            Encoding::Utf8 { bom: false } => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// Bytes of byte-order mark to skip at the start.
    pub fn bom_len(self) -> usize {
        match self {
            Encoding::Utf8 { bom: true } => 3,
            Encoding::Utf16Le | Encoding::Utf16Be => 2,
            _ => 0,
        }
    }
}

/// Decides the encoding of a whole stream: a BOM if present; otherwise UTF-8
/// when every byte sequence is valid UTF-8, else Windows-1252. Reads the
/// stream once, in chunks (memory does not grow with the file).
pub fn detect_encoding(mut reader: impl Read) -> std::io::Result<Encoding> {
    let mut buf = vec![0u8; 1 << 16];
    let mut carry: Vec<u8> = Vec::new();
    let mut first = true;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            // Anything left over is an incomplete UTF-8 sequence at the end.
            return Ok(if carry.is_empty() {
                Encoding::Utf8 { bom: false }
            } else {
                Encoding::Windows1252
            });
        }
        let mut chunk = std::mem::take(&mut carry);
        chunk.extend_from_slice(&buf[..n]);
        if first {
            first = false;
            if chunk.starts_with(&[0xEF, 0xBB, 0xBF]) {
                return Ok(Encoding::Utf8 { bom: true });
            }
            if chunk.starts_with(&[0xFF, 0xFE]) {
                return Ok(Encoding::Utf16Le);
            }
            if chunk.starts_with(&[0xFE, 0xFF]) {
                return Ok(Encoding::Utf16Be);
            }
        }
        match std::str::from_utf8(&chunk) {
            Ok(_) => {}
            Err(e) if e.error_len().is_none() => carry = chunk[e.valid_up_to()..].to_vec(),
            Err(_) => return Ok(Encoding::Windows1252),
        }
    }
}

/// The characters Windows-1252 puts at 0x80–0x9F (the rest is Latin-1).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Decodes Windows-1252 bytes.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Turns UTF-16 into UTF-8 as it is read, so the CSV reader sees UTF-8.
/// Unpaired surrogates become U+FFFD (and are then reported by the parsers
/// as not-a-number or an unknown name, never silently accepted as data).
pub struct Utf16ToUtf8<R> {
    inner: R,
    big_endian: bool,
    out: Vec<u8>,
    pos: usize,
    pending: Vec<u8>,
    eof: bool,
}

impl<R: Read> Utf16ToUtf8<R> {
    /// Wraps `inner`, which must be positioned after the BOM.
    pub fn new(inner: R, big_endian: bool) -> Self {
        Self {
            inner,
            big_endian,
            out: Vec::new(),
            pos: 0,
            pending: Vec::new(),
            eof: false,
        }
    }

    fn refill(&mut self) -> std::io::Result<()> {
        let mut raw = vec![0u8; 1 << 15];
        let n = self.inner.read(&mut raw)?;
        let mut bytes = std::mem::take(&mut self.pending);
        if n == 0 {
            self.eof = true;
            if bytes.is_empty() {
                return Ok(());
            }
        }
        bytes.extend_from_slice(&raw[..n]);
        let mut units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| {
                if self.big_endian {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        if !self.eof {
            // Keep an odd byte, and a high surrogate whose partner is in the next chunk.
            let odd = bytes.len() % 2;
            let split_pair = units.last().is_some_and(|u| (0xD800..=0xDBFF).contains(u));
            let keep = odd + if split_pair { 2 } else { 0 };
            if split_pair {
                units.pop();
            }
            self.pending = bytes[bytes.len() - keep..].to_vec();
        }
        let text: String = char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        self.out = text.into_bytes();
        self.pos = 0;
        Ok(())
    }
}

impl<R: Read> Read for Utf16ToUtf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.out.len() {
            if self.eof {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_boms_and_fallback() {
        assert_eq!(
            detect_encoding(&b"\xEF\xBB\xBFa,b"[..]).unwrap(),
            Encoding::Utf8 { bom: true }
        );
        assert_eq!(
            detect_encoding(&b"\xFF\xFEa\0"[..]).unwrap(),
            Encoding::Utf16Le
        );
        assert_eq!(
            detect_encoding(&b"\xFE\xFF\0a"[..]).unwrap(),
            Encoding::Utf16Be
        );
        assert_eq!(
            detect_encoding("Zürich,é".as_bytes()).unwrap(),
            Encoding::Utf8 { bom: false }
        );
        assert_eq!(
            detect_encoding(&b"Z\xFCrich"[..]).unwrap(),
            Encoding::Windows1252
        );
        assert_eq!(
            detect_encoding(&b""[..]).unwrap(),
            Encoding::Utf8 { bom: false }
        );
    }

    #[test]
    fn a_multibyte_character_split_across_chunks_is_still_utf8() {
        let mut text = "a".repeat((1 << 16) - 1).into_bytes();
        text.extend_from_slice("é,b".as_bytes());
        assert_eq!(
            detect_encoding(&text[..]).unwrap(),
            Encoding::Utf8 { bom: false }
        );
        let mut truncated = "a".repeat(10).into_bytes();
        truncated.push(0xC3);
        assert_eq!(
            detect_encoding(&truncated[..]).unwrap(),
            Encoding::Windows1252
        );
    }

    #[test]
    fn windows_1252_high_range() {
        assert_eq!(
            decode_windows_1252(b"\x80 5 \x93ok\x94 caf\xE9"),
            "€ 5 “ok” café"
        );
    }

    #[test]
    fn utf16_is_transcoded() {
        // The emoji's surrogate pair straddles the first 32 KiB chunk.
        let text = format!("{}😀Team,Wert\nSüd,1\n", "x".repeat(16_383));
        let text = text.as_str();
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut out = String::new();
        Utf16ToUtf8::new(&le[..], false)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut out = String::new();
        Utf16ToUtf8::new(&be[..], true)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
    }
}
