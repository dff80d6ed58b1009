"""Sync with a CardDAV/CalDAV server (Nextcloud, Radicale, Fastmail, iCloud, …).

webdav (the HTTP/WebDAV client) → discovery (which collections) → listing (what
changed there) → reminders (one way) and contacts (both ways), whose first upload
into an empty collection goes at once where the server takes it (bulk) → state
(what both sides last agreed on) → run (one sync, all or nothing here). No Qt.
"""

# The user's answer to the deletions a sync listed: carry them out on the other
# side, or keep the people (put them back where they were deleted).
APPLY, KEEP = "apply", "keep"
