//! Text encodings of spreadsheet exports: UTF-8 (with or without BOM),
//! UTF-16 (with BOM, as Excel's "Unicode text"), and the legacy encodings
//! of Windows and older systems (Windows-1250/1251/1252, Shift_JIS, GBK,
//! Big5, …), detected by `chardetng` and decoded by `encoding_rs`.

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
    /// A legacy single- or multi-byte encoding, as detected from the text.
    Legacy(&'static encoding_rs::Encoding),
}

impl Encoding {
    /// A name for reports.
    pub fn label(self) -> String {
        match self {
            Encoding::Utf8 { bom: true } => "UTF-8 (with BOM)".into(),
            Encoding::Utf8 { bom: false } => "UTF-8".into(),
            Encoding::Utf16Le => "UTF-16 LE".into(),
            Encoding::Utf16Be => "UTF-16 BE".into(),
            // "Windows-1250", "Shift_JIS", "GBK", "ISO-8859-2", …
            Encoding::Legacy(e) => match e.name().strip_prefix("windows-") {
                Some(page) => format!("Windows-{page}"),
                None => e.name().to_owned(),
            },
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
/// when every byte sequence is valid UTF-8, else the legacy encoding the
/// text reads as most plausibly (from where it stopped being UTF-8 and the
/// megabyte after). Reads in chunks (memory does not grow with the
/// file).
pub fn detect_encoding(mut reader: impl Read) -> std::io::Result<Encoding> {
    let mut buf = vec![0u8; 1 << 16];
    let mut carry: Vec<u8> = Vec::new();
    let mut first = true;
    let mut detector = chardetng::EncodingDetector::new();
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            // Anything left over is an incomplete UTF-8 sequence at the end.
            return Ok(if carry.is_empty() {
                Encoding::Utf8 { bom: false }
            } else {
                detector.feed(&carry, true);
                legacy(&detector)
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
            Err(_) => {
                // Not UTF-8: this chunk and a megabyte more tell the legacy
                // encoding (a UTF-8 file is never run through the detector).
                detector.feed(&chunk, false);
                let mut seen = 0;
                while seen < (1 << 20) {
                    let n = reader.read(&mut buf)?;
                    if n == 0 {
                        break;
                    }
                    detector.feed(&buf[..n], false);
                    seen += n;
                }
                detector.feed(&[], true);
                return Ok(legacy(&detector));
            }
        }
    }
}

/// The detector's verdict on text that is not UTF-8.
fn legacy(detector: &chardetng::EncodingDetector) -> Encoding {
    match detector.guess(None, false) {
        e if e == encoding_rs::UTF_8 => Encoding::Legacy(encoding_rs::WINDOWS_1252),
        e => Encoding::Legacy(e),
    }
}

/// Decodes `bytes` in a legacy encoding; `None` when they are not valid in
/// it (the row is then refused, never garbled).
pub fn decode_legacy(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned)
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
            Encoding::Legacy(encoding_rs::WINDOWS_1252)
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
        assert!(matches!(
            detect_encoding(&truncated[..]).unwrap(),
            Encoding::Legacy(_)
        ));
    }

    #[test]
    fn windows_1252_high_range() {
        assert_eq!(
            decode_legacy(b"\x80 5 \x93ok\x94 caf\xE9", encoding_rs::WINDOWS_1252).as_deref(),
            Some("€ 5 “ok” café")
        );
    }

    #[test]
    fn central_european_cyrillic_japanese_and_chinese_files_are_told_apart() {
        // A few lines of each, as the agencies' own systems would write them.
        let cases: [(&str, &'static encoding_rs::Encoding); 4] = [
            (
                "obec,ukazatel,hodnota\nPříbram,Počet žádostí,12\nČeské Budějovice,Průměrná doba řízení,7\nÚstí nad Labem,Spokojenost občanů,81\n",
                encoding_rs::WINDOWS_1250,
            ),
            (
                "район,показатель,значение\nСеверный,Время ожидания в очереди,12\nЮжный,Число обращений граждан,340\nЗападный,Доля решённых вопросов,81\n",
                encoding_rs::WINDOWS_1251,
            ),
            (
                "部署,指標,値\n北区役所,窓口の待ち時間,12\n南区役所,住民の満足度,81\n東区役所,申請の処理件数,340\n",
                encoding_rs::SHIFT_JIS,
            ),
            (
                "部门,指标,数值\n北区政府,窗口等待时间,12\n南区政府,居民满意度,81\n东区政府,申请处理数量,340\n",
                encoding_rs::GBK,
            ),
        ];
        for (text, encoding) in cases {
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(!unmappable, "{}", encoding.name());
            let found = detect_encoding(&bytes[..]).unwrap();
            assert_eq!(found, Encoding::Legacy(encoding), "{}", encoding.name());
            assert_eq!(decode_legacy(&bytes, encoding).as_deref(), Some(text));
        }
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
