//! Phase II routines: stat meetings with their follow-up board (practice 5)
//! and operational capacity (practice 6).

pub mod capacity;
pub mod list;
pub mod meeting;

use std::collections::HashMap;

use crate::domain::capacity::{NeedCategory, NeedId};
use crate::domain::meeting::{FollowUpId, ItemId};
use crate::domain::{IndicatorId, TeamId};

/// A follow-up being typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FollowUpForm {
    /// What.
    pub text: String,
    /// Who.
    pub owner: String,
    /// By when, as typed.
    pub due: String,
}

/// What the meeting and capacity forms hold before they are submitted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeetingForms {
    /// New meeting: date as typed.
    pub new_date: String,
    /// New meeting: title.
    pub new_title: String,
    /// New meeting: teams ticked (none: all).
    pub new_teams: Vec<TeamId>,
    /// New meeting: how much of what is open its agenda takes.
    pub new_limits: crate::analysis::agenda::AgendaLimits,
    /// The agenda item shown in full below the agenda list.
    pub selected_item: Option<ItemId>,
    /// Scroll the agenda list to the selected item on the next frame.
    pub scroll_to_selected: bool,
    /// Decision being typed, per agenda item.
    pub decision: HashMap<ItemId, String>,
    /// Follow-up being typed, per agenda item (None: the meeting as a whole).
    pub follow_up: HashMap<Option<ItemId>, FollowUpForm>,
    /// How a follow-up was resolved, being typed.
    pub resolution: HashMap<FollowUpId, String>,
    /// A new agenda item's title.
    pub new_item: String,
    /// Where to write the memo or briefing book, typed.
    pub document_path: String,
    /// New need: team.
    pub need_team: Option<TeamId>,
    /// New need: category.
    pub need_category: NeedCategory,
    /// New need: what.
    pub need_description: String,
    /// New need: amount as typed.
    pub need_amount: String,
    /// New need: the indicator it serves.
    pub need_serves: Option<IndicatorId>,
    /// New need: the date requested, typed.
    pub need_date: String,
    /// Note typed per need (a decline's reason).
    pub need_note: HashMap<NeedId, String>,
}
