//! `ratchet agenda`, `ratchet memo` and `ratchet briefing`.

use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::NaiveDate;

use crate::domain::meeting::{ItemDraft, ItemKind, MeetingId};
use crate::export::document::DocumentError;
use crate::export::files::write_document;
use crate::export::meeting_docs::{briefing_pdf, memo_document, memo_text};
use crate::ops::meetings::{agenda_drafts, briefing_input, memo_input};
use crate::storage::Workbook;

/// Choices of the meeting commands.
#[derive(Debug, clap::Args)]
pub struct MeetingArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// The meeting's date (YYYY-MM-DD).
    #[arg(long)]
    pub meeting: NaiveDate,
    /// Where to write: FILE.pdf or FILE.txt (memo), FILE.pdf (briefing).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Agenda: flags and wins taken per team (the most serious first).
    #[arg(long, default_value_t = 3)]
    pub per_team: usize,
    /// Agenda: leave out flags and wins older than this many days.
    #[arg(long, default_value_t = 180)]
    pub max_age_days: u32,
}

fn meeting_on(wb: &Workbook, on: NaiveDate) -> anyhow::Result<Option<MeetingId>> {
    Ok(wb
        .meetings()?
        .into_iter()
        .find(|(_, d, _)| *d == on)
        .map(|(id, _, _)| id))
}

fn print_items(out: &mut dyn std::io::Write, items: &[ItemDraft]) -> anyhow::Result<()> {
    let mut n = 0;
    for kind in ItemKind::ALL {
        let section: Vec<&ItemDraft> = items.iter().filter(|i| i.kind == kind).collect();
        if section.is_empty() {
            continue;
        }
        writeln!(out, "\n{}", kind.heading())?;
        for i in section {
            n += 1;
            writeln!(out, "{n:>3}. {}", i.title)?;
            if !i.detail.trim().is_empty() {
                writeln!(out, "     {}", i.detail)?;
            }
        }
    }
    if n == 0 {
        writeln!(
            out,
            "\nNothing open: no follow-ups, teams behind, flags, wins or needs."
        )?;
    }
    Ok(())
}

/// `ratchet agenda`: the agenda of the meeting on that date (or the one it would have).
pub fn run_agenda(args: &MeetingArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let wb = Workbook::open(&args.workbook)?;
    match meeting_on(&wb, args.meeting)? {
        Some(id) => {
            let m = wb.meeting(id)?.context("the meeting could not be read")?;
            writeln!(out, "{} — {}", m.title, m.held_on.format("%-d %B %Y"))?;
            let items: Vec<ItemDraft> = m
                .items
                .iter()
                .map(|i| ItemDraft {
                    kind: i.kind,
                    title: i.title.clone(),
                    detail: i.detail.clone(),
                    links: i.links,
                })
                .collect();
            print_items(out, &items)
        }
        None => {
            writeln!(
                out,
                "No meeting on {} yet; this is the agenda it would have for every team:",
                args.meeting
            )?;
            let limits = crate::analysis::agenda::AgendaLimits {
                per_team: args.per_team,
                max_age_days: args.max_age_days,
            };
            print_items(out, &agenda_drafts(&wb, args.meeting, &[], limits)?)
        }
    }
}

/// `ratchet memo`: the follow-up memo as PDF or plain text.
pub fn run_memo(args: &MeetingArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let wb = Workbook::open(&args.workbook)?;
    let Some(target) = &args.out else {
        bail!("say where to write the memo: --out FILE.pdf or --out FILE.txt");
    };
    let id = meeting_on(&wb, args.meeting)?
        .with_context(|| format!("there is no meeting on {}", args.meeting))?;
    let input = memo_input(&wb, id)?;
    let ext = target
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" => write_document(target, memo_text(&input).as_bytes())?,
        "pdf" => memo_document(&input).write(target)?,
        _ => return Err(DocumentError::Format(target.display().to_string()).into()),
    }
    writeln!(out, "Wrote the follow-up memo to {}.", target.display())?;
    Ok(())
}

/// `ratchet briefing`: the briefing book as PDF.
pub fn run_briefing(args: &MeetingArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut wb = super::open_for_writing(&args.workbook)?;
    let Some(target) = &args.out else {
        bail!("say where to write the briefing book: --out FILE.pdf");
    };
    let id = meeting_on(&wb, args.meeting)?
        .with_context(|| format!("there is no meeting on {}", args.meeting))?;
    let today = chrono::Local::now().date_naive();
    crate::ops::integrity::ensure_checks(&mut wb, today)?;
    write_document(target, &briefing_pdf(&briefing_input(&wb, id, today)?)?)?;
    writeln!(out, "Wrote the briefing book to {}.", target.display())?;
    Ok(())
}
