//! Renders the app icon (`assets/icon/ratchet.svg`) to the PNG sizes the
//! installers use. Run by `packaging/make-icons.sh`; the PNGs are committed.

use std::path::PathBuf;

use resvg::{tiny_skia, usvg};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let svg = PathBuf::from(args.next().ok_or("usage: render_icon ICON.svg OUT_DIR")?);
    let out = PathBuf::from(args.next().ok_or("usage: render_icon ICON.svg OUT_DIR")?);
    let tree = usvg::Tree::from_data(&std::fs::read(&svg)?, &usvg::Options::default())?;
    std::fs::create_dir_all(&out)?;
    for size in [16u32, 24, 32, 48, 64, 128, 256, 512, 1024] {
        let mut pixmap = tiny_skia::Pixmap::new(size, size).ok_or("empty icon size")?;
        let scale = size as f32 / tree.size().width();
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        pixmap.save_png(out.join(format!("ratchet-{size}.png")))?;
    }
    Ok(())
}
