//! What a certificate looks like and what it says (practice 8).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The certificate designs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CertificateLayout {
    /// Navy border, gold rule and seal, serif type.
    #[default]
    Classic,
    /// A coloured band down the left edge, sans-serif type.
    Modern,
    /// A thin frame and generous white space.
    Minimal,
}

impl CertificateLayout {
    /// Every layout, in the order offered.
    pub const ALL: [CertificateLayout; 3] = [
        CertificateLayout::Classic,
        CertificateLayout::Modern,
        CertificateLayout::Minimal,
    ];

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            CertificateLayout::Classic => "Classic",
            CertificateLayout::Modern => "Modern",
            CertificateLayout::Minimal => "Minimal",
        }
    }

    /// The stable code stored and typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            CertificateLayout::Classic => "classic",
            CertificateLayout::Modern => "modern",
            CertificateLayout::Minimal => "minimal",
        }
    }

    /// Reads a code back.
    pub fn from_code(code: &str) -> Option<CertificateLayout> {
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// Paper sizes, always landscape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Paper {
    /// ISO A4, 297 × 210 mm.
    #[default]
    A4,
    /// US Letter, 11 × 8.5 in.
    Letter,
}

impl Paper {
    /// Both sizes.
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::Letter];

    /// Width and height in points (1/72 in), landscape.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (841.89, 595.28),
            Paper::Letter => (792.0, 612.0),
        }
    }

    /// Width and height in points, portrait.
    pub fn portrait(self) -> (f32, f32) {
        let (w, h) = self.size();
        (h, w)
    }

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        }
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    /// Reads a code back.
    pub fn from_code(code: &str) -> Option<Paper> {
        Self::ALL
            .into_iter()
            .find(|p| p.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// The defaults every new certificate starts from, kept in the workbook.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CertificateDefaults {
    /// Who signs.
    pub signer_name: String,
    /// Their title.
    pub signer_title: String,
    /// The design.
    pub layout: CertificateLayout,
    /// The paper.
    pub paper: Paper,
}

/// An image printed on certificates (the agency's logo), kept in the
/// workbook so the file travels with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logo {
    /// The file it came from (for display).
    pub file_name: String,
    /// `image/png` or `image/svg+xml`.
    pub mime: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Everything printed on one certificate.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificateText {
    /// The heading ("Certificate of Recognition").
    pub heading: String,
    /// Who receives it.
    pub recipients: String,
    /// What for.
    pub achievement: String,
    /// The date printed.
    pub date: NaiveDate,
    /// The agency (and team) line.
    pub agency: String,
    /// Who signs.
    pub signer_name: String,
    /// Their title.
    pub signer_title: String,
}

impl CertificateText {
    /// The fields as (name, text), for checks that name the field.
    pub fn fields(&self) -> [(&'static str, &str); 6] {
        [
            ("heading", &self.heading),
            ("recipient", &self.recipients),
            ("achievement", &self.achievement),
            ("agency", &self.agency),
            ("signer's name", &self.signer_name),
            ("signer's title", &self.signer_title),
        ]
    }

    /// What must be filled in before a certificate can be made.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.recipients.trim().is_empty() {
            out.push("Say who receives the certificate.".to_owned());
        }
        if self.achievement.trim().is_empty() {
            out.push("Say what the certificate recognises.".to_owned());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_paper_is_landscape() {
        for l in CertificateLayout::ALL {
            assert_eq!(CertificateLayout::from_code(l.code()), Some(l));
        }
        for p in Paper::ALL {
            assert_eq!(Paper::from_code(p.code()), Some(p));
            let (w, h) = p.size();
            assert!(w > h);
        }
        assert_eq!(Paper::from_code("LETTER"), Some(Paper::Letter));
    }
}
