//! Who the workbook belongs to.

use serde::{Deserialize, Serialize};

/// The agency and its leader, printed on the framework card, certificates and reports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    /// The agency's name, e.g. "Riverton Street Services".
    pub name: String,
    /// The leader's name, used as the default signer.
    pub leader_name: String,
    /// The leader's title, e.g. "Director".
    pub leader_title: String,
}

/// Longest agency, leader or title text accepted, in characters.
pub const MAX_AGENCY_FIELD_CHARS: usize = 200;

impl Agency {
    /// Problems that stop these settings being saved, one message per field.
    /// Text is stored exactly as typed; only absurd lengths are refused.
    pub fn problems(&self) -> Vec<String> {
        [
            ("The agency name", &self.name),
            ("The leader's name", &self.leader_name),
            ("The leader's title", &self.leader_title),
        ]
        .into_iter()
        .filter(|(_, text)| text.chars().count() > MAX_AGENCY_FIELD_CHARS)
        .map(|(label, _)| format!("{label} is longer than {MAX_AGENCY_FIELD_CHARS} characters."))
        .collect()
    }

    /// The name to print, with a neutral fallback when none has been given yet.
    pub fn display_name(&self) -> &str {
        let name = self.name.trim();
        if name.is_empty() { "Your agency" } else { name }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_refused_and_short_ones_accepted() {
        let ok = Agency {
            name: "Riverton Street Services".into(),
            ..Agency::default()
        };
        assert!(ok.problems().is_empty());
        let long = Agency {
            leader_title: "x".repeat(MAX_AGENCY_FIELD_CHARS + 1),
            ..Agency::default()
        };
        assert_eq!(long.problems().len(), 1);
        assert!(long.problems()[0].contains("title"));
    }

    #[test]
    fn display_name_falls_back() {
        assert_eq!(Agency::default().display_name(), "Your agency");
    }
}
