"""The SQL the shipped schema steps ran, word for word.

Never edit this text: a database made by an earlier version was made by exactly
these statements, and tests/test_schema.py checks that running them still gives
the schema of tests/data/schema-1.db byte for byte. The live code (search rows,
queries) keeps its own copies; a change to the schema is a new step.
"""

# m001_initial_schema: the records, their indexes, full-text search over people and
# companies with the triggers that keep it current, and the file's identity. (The
# statement creating touches_contact ran with a newline before its end: so it stays.)
M001_INITIAL_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    website TEXT, address TEXT, notes TEXT
);

CREATE TABLE opportunities (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    company_uid TEXT NOT NULL REFERENCES companies(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    title TEXT NOT NULL,
    source TEXT, target TEXT,
    stage TEXT NOT NULL,
    applied_on TEXT, closed_on TEXT, notes TEXT
);

CREATE INDEX opportunities_company ON opportunities(company_uid);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    title TEXT,
    company_uid TEXT REFERENCES companies(uid) ON DELETE SET NULL ON UPDATE CASCADE,
    role TEXT,
    phone_direct TEXT, phone_cell TEXT, email TEXT, mailing_address TEXT,
    linkedin TEXT, helped TEXT, notes TEXT
);

CREATE INDEX contacts_company ON contacts(company_uid);

CREATE INDEX contacts_name ON contacts(name COLLATE NOCASE);

CREATE TABLE card_photos (
    contact_uid TEXT PRIMARY KEY REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    mime_type TEXT NOT NULL,
    data BLOB NOT NULL
);

CREATE TABLE interviews (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    opportunity_uid TEXT NOT NULL
        REFERENCES opportunities(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    round INTEGER NOT NULL,
    start TEXT NOT NULL,
    timezone TEXT NOT NULL,
    format TEXT, tone TEXT, hear_back_by TEXT,
    closing_question TEXT, closing_answer TEXT, next_steps TEXT, followed_up_on TEXT
);

CREATE INDEX interviews_opportunity ON interviews(opportunity_uid, round);

CREATE TABLE interview_participants (
    interview_uid TEXT NOT NULL REFERENCES interviews(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    contact_uid TEXT NOT NULL REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (interview_uid, contact_uid)
);

CREATE INDEX interview_participants_contact ON interview_participants(contact_uid);

CREATE TABLE interview_questions (
    id INTEGER PRIMARY KEY,
    interview_uid TEXT NOT NULL REFERENCES interviews(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL,
    question TEXT NOT NULL, my_answer TEXT, better_answer TEXT
);

CREATE INDEX interview_questions_interview ON interview_questions(interview_uid, position);

CREATE TABLE interview_concerns (
    id INTEGER PRIMARY KEY,
    interview_uid TEXT NOT NULL REFERENCES interviews(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL, kind TEXT, response TEXT, size TEXT
);

CREATE INDEX interview_concerns_interview ON interview_concerns(interview_uid, position);

CREATE TABLE thank_you_notes (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_uid TEXT NOT NULL REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    interview_uid TEXT REFERENCES interviews(uid) ON DELETE SET NULL ON UPDATE CASCADE,
    due TEXT NOT NULL,
    medium TEXT NOT NULL, status TEXT NOT NULL,
    sent_on TEXT, delivery TEXT, points TEXT, better_answer TEXT
);

CREATE INDEX thank_you_notes_contact ON thank_you_notes(contact_uid);

CREATE INDEX thank_you_notes_interview ON thank_you_notes(interview_uid);

CREATE INDEX thank_you_notes_open ON thank_you_notes(status, due);

CREATE TABLE feedback_calls (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_uid TEXT NOT NULL REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    opportunity_uid TEXT REFERENCES opportunities(uid) ON DELETE SET NULL ON UPDATE CASCADE,
    proposed_on TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_on TEXT, requested_via TEXT, scheduled_at TEXT, held_on TEXT,
    feedback TEXT, actions TEXT, similar_role TEXT, other_roles TEXT, stay_in_touch TEXT
);

CREATE INDEX feedback_calls_contact ON feedback_calls(contact_uid);

CREATE INDEX feedback_calls_opportunity ON feedback_calls(opportunity_uid);

CREATE TABLE cadences (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_uid TEXT NOT NULL REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    rrule TEXT NOT NULL,
    start TEXT NOT NULL,
    max_days INTEGER,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX cadences_contact ON cadences(contact_uid);

CREATE TABLE touches (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_uid TEXT NOT NULL REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    notes TEXT
);

CREATE INDEX touches_contact ON touches(contact_uid, at)
;

CREATE VIRTUAL TABLE contacts_fts USING fts5(name, company, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE VIRTUAL TABLE companies_fts USING fts5(name, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER contacts_fts_ai AFTER INSERT ON contacts BEGIN
DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE c.id = NEW.id);
INSERT INTO contacts_fts(rowid, name, company, body) 
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
 WHERE c.id = NEW.id;
END;

CREATE TRIGGER contacts_fts_au AFTER UPDATE ON contacts BEGIN
DELETE FROM contacts_fts WHERE rowid = OLD.id;
DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE c.id = NEW.id);
INSERT INTO contacts_fts(rowid, name, company, body) 
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
 WHERE c.id = NEW.id;
END;

CREATE TRIGGER contacts_fts_ad AFTER DELETE ON contacts BEGIN
DELETE FROM contacts_fts WHERE rowid = OLD.id;
END;

CREATE TRIGGER companies_fts_ai AFTER INSERT ON companies BEGIN
DELETE FROM companies_fts WHERE rowid IN (SELECT co.id FROM companies co WHERE co.id = NEW.id);
INSERT INTO companies_fts(rowid, name, body) 
    SELECT co.id, co.name,
        coalesce(co.website, '') || ' ' || coalesce(co.address, '') || ' '
        || coalesce(co.notes, '') || ' '
        || coalesce((SELECT group_concat(o.title || ' ' || coalesce(o.target, ''), ' ')
                     FROM opportunities o WHERE o.company_uid = co.uid), '')
    FROM companies co
 WHERE co.id = NEW.id;
END;

CREATE TRIGGER companies_fts_au AFTER UPDATE ON companies BEGIN
DELETE FROM companies_fts WHERE rowid = OLD.id;
DELETE FROM companies_fts WHERE rowid IN (SELECT co.id FROM companies co WHERE co.id = NEW.id);
INSERT INTO companies_fts(rowid, name, body) 
    SELECT co.id, co.name,
        coalesce(co.website, '') || ' ' || coalesce(co.address, '') || ' '
        || coalesce(co.notes, '') || ' '
        || coalesce((SELECT group_concat(o.title || ' ' || coalesce(o.target, ''), ' ')
                     FROM opportunities o WHERE o.company_uid = co.uid), '')
    FROM companies co
 WHERE co.id = NEW.id;
DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE c.company_uid = NEW.uid);
INSERT INTO contacts_fts(rowid, name, company, body) 
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
 WHERE c.company_uid = NEW.uid;
END;

CREATE TRIGGER companies_fts_ad AFTER DELETE ON companies BEGIN
DELETE FROM companies_fts WHERE rowid = OLD.id;
END;

CREATE TRIGGER opportunities_fts_ai AFTER INSERT ON opportunities BEGIN
DELETE FROM companies_fts WHERE rowid IN (SELECT co.id FROM companies co WHERE co.uid = NEW.company_uid);
INSERT INTO companies_fts(rowid, name, body) 
    SELECT co.id, co.name,
        coalesce(co.website, '') || ' ' || coalesce(co.address, '') || ' '
        || coalesce(co.notes, '') || ' '
        || coalesce((SELECT group_concat(o.title || ' ' || coalesce(o.target, ''), ' ')
                     FROM opportunities o WHERE o.company_uid = co.uid), '')
    FROM companies co
 WHERE co.uid = NEW.company_uid;
END;

CREATE TRIGGER opportunities_fts_au AFTER UPDATE ON opportunities BEGIN
DELETE FROM companies_fts WHERE rowid IN (SELECT co.id FROM companies co WHERE co.uid = OLD.company_uid);
INSERT INTO companies_fts(rowid, name, body) 
    SELECT co.id, co.name,
        coalesce(co.website, '') || ' ' || coalesce(co.address, '') || ' '
        || coalesce(co.notes, '') || ' '
        || coalesce((SELECT group_concat(o.title || ' ' || coalesce(o.target, ''), ' ')
                     FROM opportunities o WHERE o.company_uid = co.uid), '')
    FROM companies co
 WHERE co.uid = OLD.company_uid;
DELETE FROM companies_fts WHERE rowid IN (SELECT co.id FROM companies co WHERE co.uid = NEW.company_uid);
INSERT INTO companies_fts(rowid, name, body) 
    SELECT co.id, co.name,
        coalesce(co.website, '') || ' ' || coalesce(co.address, '') || ' '
        || coalesce(co.notes, '') || ' '
        || coalesce((SELECT group_concat(o.title || ' ' || coalesce(o.target, ''), ' ')
                     FROM opportunities o WHERE o.company_uid = co.uid), '')
    FROM companies co
 WHERE co.uid = NEW.company_uid;
END;

CREATE TRIGGER opportunities_fts_ad AFTER DELETE ON opportunities BEGIN
DELETE FROM companies_fts WHERE rowid IN (SELECT co.id FROM companies co WHERE co.uid = OLD.company_uid);
INSERT INTO companies_fts(rowid, name, body) 
    SELECT co.id, co.name,
        coalesce(co.website, '') || ' ' || coalesce(co.address, '') || ' '
        || coalesce(co.notes, '') || ' '
        || coalesce((SELECT group_concat(o.title || ' ' || coalesce(o.target, ''), ' ')
                     FROM opportunities o WHERE o.company_uid = co.uid), '')
    FROM companies co
 WHERE co.uid = OLD.company_uid;
END;

CREATE TRIGGER touches_fts_ai AFTER INSERT ON touches BEGIN
DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE c.uid = NEW.contact_uid);
INSERT INTO contacts_fts(rowid, name, company, body) 
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
 WHERE c.uid = NEW.contact_uid;
END;

CREATE TRIGGER touches_fts_au AFTER UPDATE ON touches BEGIN
DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE c.uid = OLD.contact_uid);
INSERT INTO contacts_fts(rowid, name, company, body) 
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
 WHERE c.uid = OLD.contact_uid;
DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE c.uid = NEW.contact_uid);
INSERT INTO contacts_fts(rowid, name, company, body) 
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
 WHERE c.uid = NEW.contact_uid;
END;

CREATE TRIGGER touches_fts_ad AFTER DELETE ON touches BEGIN
DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE c.uid = OLD.contact_uid);
INSERT INTO contacts_fts(rowid, name, company, body) 
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
 WHERE c.uid = OLD.contact_uid;
END;

CREATE TRIGGER thank_you_notes_fts_ai AFTER INSERT ON thank_you_notes BEGIN
DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE c.uid = NEW.contact_uid);
INSERT INTO contacts_fts(rowid, name, company, body) 
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
 WHERE c.uid = NEW.contact_uid;
END;

CREATE TRIGGER thank_you_notes_fts_au AFTER UPDATE ON thank_you_notes BEGIN
DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE c.uid = OLD.contact_uid);
INSERT INTO contacts_fts(rowid, name, company, body) 
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
 WHERE c.uid = OLD.contact_uid;
DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE c.uid = NEW.contact_uid);
INSERT INTO contacts_fts(rowid, name, company, body) 
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
 WHERE c.uid = NEW.contact_uid;
END;

CREATE TRIGGER thank_you_notes_fts_ad AFTER DELETE ON thank_you_notes BEGIN
DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE c.uid = OLD.contact_uid);
INSERT INTO contacts_fts(rowid, name, company, body) 
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
 WHERE c.uid = OLD.contact_uid;
END;

INSERT INTO meta(key, value) VALUES ('app', 'afterword');

INSERT INTO meta(key, value) VALUES ('schema_version', '1');
"""
