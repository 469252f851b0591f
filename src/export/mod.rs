//! Documents: one SVG layout per document, rendered to PNG and PDF with the
//! bundled fonts; the public dashboard as self-contained HTML and PDF.

pub mod card;
pub mod certificate;
pub mod chart_image;
pub mod charts;
pub mod dashboard;
pub mod document;
pub mod files;
pub mod fonts;
pub mod meeting_docs;
pub mod page;
pub mod poster;
pub mod practices_sheet;
pub mod render;
pub mod rollup;
pub mod rollup_parquet;
pub mod svg;
pub mod take_home;
pub mod text_layout;
