//! What differs between the desktops the program runs on, kept to one
//! place: on Windows the program is a windowed program (no console window
//! opens beside it from Explorer or the Start menu), so its commands attach
//! to the terminal they were typed in to print there.

/// Prints to the terminal the program was started from, if any. On
/// Windows a windowed program has no console of its own: this attaches to
/// the parent's (from Explorer there is none, which is fine). Elsewhere
/// the terminal is already there.
pub fn attach_to_terminal() {
    #[cfg(windows)]
    #[allow(unsafe_code)]
    {
        use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
        // SAFETY: AttachConsole takes a process id and has no other
        // precondition; it fails harmlessly when the parent has no console.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

/// Listens for the workbooks Finder asks the program to open (a
/// double-click, "Open With", a file dropped on the Dock icon): macOS sends
/// them to the application's delegate, not as arguments. Call once the
/// event loop exists and before it runs, so that the file that launched the
/// program is not missed; the paths go to `app::opened_files`.
#[cfg(target_os = "macos")]
pub fn listen_for_opened_files() {
    macos::install_delegate();
}

#[cfg(target_os = "macos")]
#[allow(unsafe_code)]
mod macos {
    use std::path::PathBuf;

    use objc2::rc::Retained;
    use objc2::runtime::ProtocolObject;
    use objc2::{ClassType, DeclaredClass, declare_class, msg_send_id, mutability};
    use objc2_app_kit::{NSApplication, NSApplicationDelegate};
    use objc2_foundation::{MainThreadMarker, NSArray, NSObject, NSObjectProtocol, NSURL};

    declare_class!(
        /// The application delegate: winit sets none, so this one only
        /// hears which files to open.
        struct OpenFilesDelegate;

        unsafe impl ClassType for OpenFilesDelegate {
            type Super = NSObject;
            type Mutability = mutability::MainThreadOnly;
            const NAME: &'static str = "RatchetOpenFilesDelegate";
        }

        impl DeclaredClass for OpenFilesDelegate {}

        unsafe impl NSObjectProtocol for OpenFilesDelegate {}

        unsafe impl NSApplicationDelegate for OpenFilesDelegate {
            #[method(application:openURLs:)]
            fn application_open_urls(&self, _application: &NSApplication, urls: &NSArray<NSURL>) {
                let paths: Vec<PathBuf> = urls
                    .iter()
                    // SAFETY: `path` reads a file URL's path; it has no
                    // precondition and answers nil for other URLs.
                    .filter_map(|url| unsafe { url.path() })
                    .map(|p| PathBuf::from(p.to_string()))
                    .collect();
                crate::app::opened_files::push(paths);
            }
        }
    );

    impl OpenFilesDelegate {
        fn new(mtm: MainThreadMarker) -> Retained<Self> {
            let this = mtm.alloc().set_ivars(());
            // SAFETY: NSObject's designated initialiser, on a fresh allocation.
            unsafe { msg_send_id![super(this), init] }
        }
    }

    /// Sets the delegate on the shared application (winit's, already made
    /// by the event loop) and keeps it for the life of the program.
    pub fn install_delegate() {
        let Some(mtm) = MainThreadMarker::new() else {
            tracing::warn!("the Finder open-file listener must be installed on the main thread");
            return;
        };
        let delegate = OpenFilesDelegate::new(mtm);
        let app = NSApplication::sharedApplication(mtm);
        app.setDelegate(Some(ProtocolObject::from_ref(&*delegate)));
        // The application holds its delegate weakly: keep it alive.
        std::mem::forget(delegate);
    }
}
