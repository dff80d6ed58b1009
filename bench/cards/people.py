"""The people on the generated business cards, with the fields a reader should find.

Each card lists what is printed on it, line by line, and the true fields. Numbers,
names and firms are invented; phone numbers come from ranges kept for fiction where
a country has one (NANP 555-01xx, Ofcom's drama ranges for fixed lines) and are valid numbers for
phonenumbers. `lines` are (style, text): name, title, company (a logo line), body. `linkedin` is
the LinkedIn address, else the first web address on the card.
"""

from __future__ import annotations

FIELDS = ("name", "title", "company", "phone_direct", "phone_cell", "email", "linkedin",
          "mailing_address")


def card(name, title, company, lines, *, direct=None, cell=None, email=None, linkedin=None,
         address=None, other=(), look=None):
    """`look` asks the renderer for something harder: dark (light text on a dark card),
    portrait (a card taller than wide), glare (a bright streak), low (a small blurry shot)."""
    return {"lines": lines, "look": look or {}, "truth": {
        "name": name, "title": title, "company": company, "phone_direct": direct,
        "phone_cell": cell, "email": email, "linkedin": linkedin,
        "mailing_address": "\n".join(address) if address else None,
        "other_lines": list(other)}}


PEOPLE = [
    card("Dana Reyes", "Director of Talent Acquisition", "Northwind Analytics", [
        ("company", "NORTHWIND ANALYTICS"), ("name", "Dana Reyes"),
        ("title", "Director of Talent Acquisition"),
        ("body", "Direct (415) 555-0132"), ("body", "Mobile 415.555.0199"),
        ("body", "dana.reyes@northwind-analytics.com"),
        ("body", "500 Market Street, Suite 1200"), ("body", "San Francisco, CA 94105")],
        direct="+1 415-555-0132", cell="+1 415-555-0199",
        email="dana.reyes@northwind-analytics.com",
        address=["500 Market Street, Suite 1200", "San Francisco, CA 94105"]),
    card("Oliver Bennett", "Head of Engineering", "Harbour & Finch Ltd", [
        ("company", "Harbour & Finch Ltd"), ("name", "Oliver Bennett"),
        ("title", "Head of Engineering"),
        ("body", "T: +44 20 7946 0958"), ("body", "M: 07911 123456"),
        ("body", "oliver.bennett@harbourfinch.co.uk"),
        ("body", "14 Gresham Street"), ("body", "London EC2V 7NQ"), ("body", "United Kingdom")],
        direct="+44 20 7946 0958", cell="+44 7911 123456", email="oliver.bennett@harbourfinch.co.uk",
        address=["14 Gresham Street", "London EC2V 7NQ", "United Kingdom"]),
    card("Zoë Müller", "Personalreferentin", "Brandt Logistik GmbH", [
        ("company", "Brandt Logistik GmbH"), ("name", "Zoë Müller"), ("title", "Personalreferentin"),
        ("body", "Tel. +49 30 9018 2050"), ("body", "Mobil +49 151 23456789"),
        ("body", "z.mueller@brandt-logistik.de"),
        ("body", "Friedrichstraße 123"), ("body", "10117 Berlin")],
        direct="+49 30 90182050", cell="+49 1512 3456789", email="z.mueller@brandt-logistik.de",
        address=["Friedrichstraße 123", "10117 Berlin"]),
    card("Amélie Durand", "Responsable Recrutement", "Société Lumière SA", [
        ("company", "Société Lumière SA"), ("name", "Amélie Durand"),
        ("title", "Responsable Recrutement"),
        ("body", "Tél. 01 42 68 53 00"), ("body", "Portable 06 12 34 56 78"),
        ("body", "amelie.durand@lumiere.fr"),
        ("body", "8 rue de Rivoli"), ("body", "75004 Paris"), ("body", "France")],
        direct="+33 1 42 68 53 00", cell="+33 6 12 34 56 78", email="amelie.durand@lumiere.fr",
        address=["8 rue de Rivoli", "75004 Paris", "France"]),
    card("Priya Raghunathan", "Senior HR Business Partner", "Kaveri Software Pvt Ltd", [
        ("company", "Kaveri Software Pvt Ltd"), ("name", "Priya Raghunathan"),
        ("title", "Senior HR Business Partner"),
        ("body", "Office +91 80 4123 4567"), ("body", "Cell +91 98450 12345"),
        ("body", "priya.r@kaverisoft.in"),
        ("body", "Prestige Tech Park, Outer Ring Road"), ("body", "Bengaluru 560103"),
        ("body", "India")],
        direct="+91 80 4123 4567", cell="+91 98450 12345", email="priya.r@kaverisoft.in",
        address=["Prestige Tech Park, Outer Ring Road", "Bengaluru 560103", "India"]),
    card("Marcus O'Neill", "VP, Product", "Lattice Health", [
        ("company", "lattice health"), ("name", "Marcus O'Neill"), ("title", "VP, Product"),
        ("body", "T 617 555 0143"), ("body", "C 617 555 0178"),
        ("body", "marcus@latticehealth.com"), ("body", "linkedin.com/in/marcusoneill"),
        ("body", "75 State Street, Floor 9"), ("body", "Boston, MA 02109")],
        direct="+1 617-555-0143", cell="+1 617-555-0178", email="marcus@latticehealth.com",
        linkedin="linkedin.com/in/marcusoneill",
        address=["75 State Street, Floor 9", "Boston, MA 02109"]),
    card("Sofía Hernández", "Recruiting Coordinator", "Arroyo Robotics", [
        ("company", "Arroyo Robotics"), ("name", "Sofía Hernández"),
        ("title", "Recruiting Coordinator"), ("body", "Office: 512-555-0110"),
        ("body", "sofia.hernandez@arroyorobotics.com"), ("body", "www.arroyorobotics.com"),
        ("body", "1100 Congress Ave"), ("body", "Austin, TX 78701")],
        direct="+1 512-555-0110", email="sofia.hernandez@arroyorobotics.com",
        linkedin="www.arroyorobotics.com", address=["1100 Congress Ave", "Austin, TX 78701"]),
    card("Henrik Sørensen", "Engineering Manager", "Fjordline Systems", [
        ("company", "FJORDLINE SYSTEMS"), ("name", "Henrik Sørensen"),
        ("title", "Engineering Manager"), ("body", "Direct +45 32 12 34 56"),
        ("body", "Mobile +45 20 12 34 56"), ("body", "hs@fjordline.dk"),
        ("body", "Strandgade 91"), ("body", "1401 København K"), ("body", "Denmark")],
        direct="+45 32 12 34 56", cell="+45 20 12 34 56", email="hs@fjordline.dk",
        address=["Strandgade 91", "1401 København K", "Denmark"]),
    card("Grace Liu", "Technical Recruiter", "Bluefin Capital", [
        ("company", "Bluefin Capital"), ("name", "Grace Liu"), ("title", "Technical Recruiter"),
        ("body", "+1 (212) 555-0161"), ("body", "grace.liu@bluefincap.com"),
        ("body", "linkedin.com/in/graceliu-recruits")],
        direct="+1 212-555-0161", email="grace.liu@bluefincap.com",
        linkedin="linkedin.com/in/graceliu-recruits"),
    card("James Whitaker", "Chief Technology Officer", "Ashdown Labs", [
        ("company", "ASHDOWN LABS"), ("name", "James Whitaker"),
        ("title", "Chief Technology Officer"), ("body", "Tel 0161 496 0734"),
        ("body", "Mob 07912 345678"), ("body", "james@ashdownlabs.co.uk"),
        ("body", "3 Piccadilly Place"), ("body", "Manchester M1 3BN")],
        direct="+44 161 496 0734", cell="+44 7912 345678", email="james@ashdownlabs.co.uk",
        address=["3 Piccadilly Place", "Manchester M1 3BN"]),
    card("Dr. Lena Schäfer", "Leiterin Softwareentwicklung", "Rheinwerk AG", [
        ("company", "RHEINWERK AG"), ("name", "Dr. Lena Schäfer"),
        ("title", "Leiterin Softwareentwicklung"),
        ("body", "Telefon 0221 4711 230"), ("body", "Handy 0172 3456789"),
        ("body", "Fax 0221 4711 299"), ("body", "lena.schaefer@rheinwerk.de"),
        ("body", "Domkloster 4"), ("body", "50667 Köln")],
        direct="+49 221 4711230", cell="+49 172 3456789", email="lena.schaefer@rheinwerk.de",
        address=["Domkloster 4", "50667 Köln"], other=["Fax 0221 4711 299"]),
    card("Thomas Nguyen", "Hiring Manager, Data Platform", "Cobalt Freight", [
        ("company", "Cobalt Freight"), ("name", "Thomas Nguyen"),
        ("title", "Hiring Manager, Data Platform"),
        ("body", "D +1 206 555 0123  M +1 206 555 0187"),
        ("body", "tnguyen@cobaltfreight.com"),
        ("body", "401 Pike Street, Seattle, WA 98101")],
        direct="+1 206-555-0123", cell="+1 206-555-0187", email="tnguyen@cobaltfreight.com",
        address=["401 Pike Street, Seattle, WA 98101"]),
    card("Chloé Lefèvre", "Chargée de recrutement", "Atelier Numérique", [
        ("company", "Atelier Numérique"), ("name", "Chloé Lefèvre"),
        ("title", "Chargée de recrutement"),
        ("body", "Mob. +33 7 81 23 45 67"), ("body", "chloe.lefevre@atelier-numerique.fr"),
        ("body", "www.atelier-numerique.fr"),
        ("body", "27 quai Saint-Antoine"), ("body", "69002 Lyon")],
        cell="+33 7 81 23 45 67", email="chloe.lefevre@atelier-numerique.fr",
        linkedin="www.atelier-numerique.fr", address=["27 quai Saint-Antoine", "69002 Lyon"]),
    card("Arjun Mehta", "Talent Partner", "Saffron Payments", [
        ("company", "Saffron Payments"), ("name", "Arjun Mehta"), ("title", "Talent Partner"),
        ("body", "M: +91 99870 54321"), ("body", "T: +91 22 6123 4567"),
        ("body", "arjun.mehta@saffronpay.in"), ("body", "linkedin.com/in/arjunmehta"),
        ("body", "Bandra Kurla Complex"), ("body", "Mumbai 400051")],
        direct="+91 22 6123 4567", cell="+91 99870 54321", email="arjun.mehta@saffronpay.in",
        linkedin="linkedin.com/in/arjunmehta", address=["Bandra Kurla Complex", "Mumbai 400051"]),
    card("Rachel Goldberg", "Receptionist", "Meridian Partners LLP", [
        ("company", "Meridian Partners LLP"), ("name", "Rachel Goldberg"),
        ("title", "Receptionist"), ("body", "Main 312 555 0100"),
        ("body", "reception@meridianpartners.com"),
        ("body", "233 S Wacker Dr, Suite 4400"), ("body", "Chicago, IL 60606")],
        direct="+1 312-555-0100", email="reception@meridianpartners.com",
        address=["233 S Wacker Dr, Suite 4400", "Chicago, IL 60606"]),
    card("Björn Lindqvist", "Product Owner", "Nordvik Energi AB", [
        ("company", "Nordvik Energi AB"), ("name", "Björn Lindqvist"), ("title", "Product Owner"),
        ("body", "Tel +46 8 123 456 78"), ("body", "Mobil +46 70 123 45 67"),
        ("body", "bjorn.lindqvist@nordvik.se"),
        ("body", "Kungsgatan 12"), ("body", "111 43 Stockholm"), ("body", "Sweden")],
        direct="+46 8 123 456 78", cell="+46 70 123 45 67", email="bjorn.lindqvist@nordvik.se",
        address=["Kungsgatan 12", "111 43 Stockholm", "Sweden"]),
    card("Aisha Bello", "People Operations Lead", "Kestrel Games", [
        ("company", "Kestrel Games"), ("name", "Aisha Bello"), ("title", "People Operations Lead"),
        ("body", "Cell: (646) 555-0192"), ("body", "aisha@kestrelgames.io"),
        ("body", "linkedin.com/in/aishabello")],
        cell="+1 646-555-0192", email="aisha@kestrelgames.io", linkedin="linkedin.com/in/aishabello"),
    card("Matteo Rossi", "Responsabile Risorse Umane", "Vetreria Lombarda S.p.A.", [
        ("company", "Vetreria Lombarda S.p.A."), ("name", "Matteo Rossi"),
        ("title", "Responsabile Risorse Umane"),
        ("body", "Tel. +39 02 7234 5678"), ("body", "Cell. +39 347 123 4567"),
        ("body", "m.rossi@vetrerialombarda.it"),
        ("body", "Via Montenapoleone 8"), ("body", "20121 Milano MI"), ("body", "Italy")],
        direct="+39 02 7234 5678", cell="+39 347 123 4567", email="m.rossi@vetrerialombarda.it",
        address=["Via Montenapoleone 8", "20121 Milano MI", "Italy"]),
    card("Emily Carter", "Senior Software Engineer", "Pinegrove Studios", [
        ("company", "Pinegrove Studios"), ("name", "Emily Carter"),
        ("title", "Senior Software Engineer"), ("body", "emily.carter@pinegrove.dev"),
        ("body", "+1 503 555 0147"), ("body", "github.com/emcarter")],
        direct="+1 503-555-0147", email="emily.carter@pinegrove.dev",
        linkedin="github.com/emcarter"),
    card("Noah Williams", "Account Executive", "Tidewater Media", [
        ("company", "Tidewater Media"), ("name", "Noah Williams"), ("title", "Account Executive"),
        ("body", "Phone 757-555-0121"), ("body", "Fax 757-555-0122"),
        ("body", "nwilliams@tidewatermedia.com"),
        ("body", "150 W Main St"), ("body", "Norfolk, VA 23510")],
        direct="+1 757-555-0121", email="nwilliams@tidewatermedia.com",
        address=["150 W Main St", "Norfolk, VA 23510"], other=["Fax 757-555-0122"]),
    card("Siobhán Kelly", "Recruitment Manager", "Liffey Digital", [
        ("company", "Liffey Digital"), ("name", "Siobhán Kelly"), ("title", "Recruitment Manager"),
        ("body", "T +353 1 555 0123"), ("body", "M +353 87 123 4567"),
        ("body", "siobhan.kelly@liffeydigital.ie"),
        ("body", "2 Grand Canal Square"), ("body", "Dublin 2, D02 A342"), ("body", "Ireland")],
        direct="+353 1 555 0123", cell="+353 87 123 4567", email="siobhan.kelly@liffeydigital.ie",
        address=["2 Grand Canal Square", "Dublin 2, D02 A342", "Ireland"]),
    card("Kenji Watanabe", "Staff Engineer", "Orbital Maps Inc.", [
        ("company", "Orbital Maps Inc."), ("name", "Kenji Watanabe"), ("title", "Staff Engineer"),
        ("body", "Direct line 408-555-0175"), ("body", "kenji@orbitalmaps.com"),
        ("body", "2100 Geng Road"), ("body", "Palo Alto, CA 94303")],
        direct="+1 408-555-0175", email="kenji@orbitalmaps.com",
        address=["2100 Geng Road", "Palo Alto, CA 94303"]),
    card("Élodie Martin", "Directrice des Ressources Humaines", "Groupe Océane", [
        ("company", "Groupe Océane"), ("name", "Élodie Martin"),
        ("title", "Directrice des Ressources Humaines"),
        ("body", "Ligne directe +33 5 56 12 34 56"), ("body", "Mobile +33 6 98 76 54 32"),
        ("body", "e.martin@groupe-oceane.fr"),
        ("body", "12 cours de l'Intendance"), ("body", "33000 Bordeaux")],
        direct="+33 5 56 12 34 56", cell="+33 6 98 76 54 32", email="e.martin@groupe-oceane.fr",
        address=["12 cours de l'Intendance", "33000 Bordeaux"]),
    card("David Okafor", "Director, Platform Engineering", "Greenline Transit", [
        ("company", "Greenline Transit"), ("name", "David Okafor"),
        ("title", "Director, Platform Engineering"),
        ("body", "o 303.555.0118 | m 303.555.0163"), ("body", "david.okafor@greenline.com"),
        ("body", "1600 Glenarm Place"), ("body", "Denver, CO 80202")],
        direct="+1 303-555-0118", cell="+1 303-555-0163", email="david.okafor@greenline.com",
        address=["1600 Glenarm Place", "Denver, CO 80202"]),
    card("Hannah Fischer", "Teamleiterin Recruiting", "Alpenblick Software GmbH", [
        ("company", "Alpenblick Software GmbH"), ("name", "Hannah Fischer"),
        ("title", "Teamleiterin Recruiting"),
        ("body", "T +49 89 2180 3456"), ("body", "M +49 160 9876543"),
        ("body", "hannah.fischer@alpenblick.de"), ("body", "linkedin.com/in/hannahfischer"),
        ("body", "Leopoldstraße 45"), ("body", "80802 München")],
        direct="+49 89 21803456", cell="+49 160 9876543", email="hannah.fischer@alpenblick.de",
        linkedin="linkedin.com/in/hannahfischer",
        address=["Leopoldstraße 45", "80802 München"]),
    card("William Foster", "Partner", "Foster & Wade Consulting", [
        ("company", "Foster & Wade Consulting"), ("name", "William Foster"), ("title", "Partner"),
        ("body", "Tel: 020 7946 0321"), ("body", "Mobile: 07723 456789"),
        ("body", "wf@fosterwade.co.uk"),
        ("body", "22 Queen Street"), ("body", "Edinburgh EH2 1JX")],
        direct="+44 20 7946 0321", cell="+44 7723 456789", email="wf@fosterwade.co.uk",
        address=["22 Queen Street", "Edinburgh EH2 1JX"]),
    card("Ana Popescu", "QA Lead", "Carpatica Tech SRL", [
        ("company", "Carpatica Tech SRL"), ("name", "Ana Popescu"), ("title", "QA Lead"),
        ("body", "Mobil +40 721 234 567"), ("body", "ana.popescu@carpatica.ro"),
        ("body", "Strada Memorandumului 28"), ("body", "400114 Cluj-Napoca"),
        ("body", "Romania")],
        cell="+40 721 234 567", email="ana.popescu@carpatica.ro",
        address=["Strada Memorandumului 28", "400114 Cluj-Napoca", "Romania"]),
    card("Michael Brown", "Sales Director", "Summit Ridge Outdoor", [
        ("company", "Summit Ridge Outdoor"), ("name", "Michael Brown"), ("title", "Sales Director"),
        ("body", "Office 801-555-0134 ext. 12"), ("body", "Cell 801-555-0190"),
        ("body", "mbrown@summitridge.com"), ("body", "www.summitridge.com"),
        ("body", "45 W 300 S"), ("body", "Salt Lake City, UT 84101")],
        direct="+1 801-555-0134 ext. 12", cell="+1 801-555-0190", email="mbrown@summitridge.com",
        linkedin="www.summitridge.com", address=["45 W 300 S", "Salt Lake City, UT 84101"]),
    card("Inès Moreau", "Ingénieure logiciel", "Quantique Labs", [
        ("company", "Quantique Labs"), ("name", "Inès Moreau"), ("title", "Ingénieure logiciel"),
        ("body", "+33 6 45 67 89 01"), ("body", "ines.moreau@quantiquelabs.fr"),
        ("body", "linkedin.com/in/inesmoreau")],
        cell="+33 6 45 67 89 01", email="ines.moreau@quantiquelabs.fr",
        linkedin="linkedin.com/in/inesmoreau"),
    card("Rohan Kapoor", "Engineering Director", "Indus Cloud", [
        ("company", "INDUS CLOUD"), ("name", "Rohan Kapoor"), ("title", "Engineering Director"),
        ("body", "Direct: +91 11 4567 8901"), ("body", "Mobile: +91 98100 65432"),
        ("body", "rohan.kapoor@induscloud.com"),
        ("body", "DLF Cyber City, Phase 2"), ("body", "Gurugram 122002")],
        direct="+91 11 4567 8901", cell="+91 98100 65432", email="rohan.kapoor@induscloud.com",
        address=["DLF Cyber City, Phase 2", "Gurugram 122002"]),
    card("Olivia Turner", "HR Generalist", "Bayside Medical Group", [
        ("company", "Bayside Medical Group"), ("name", "Olivia Turner"),
        ("title", "HR Generalist"), ("body", "p: (619) 555-0155"), ("body", "f: (619) 555-0156"),
        ("body", "oturner@baysidemed.org"),
        ("body", "3900 Fifth Avenue, Suite 310"), ("body", "San Diego, CA 92103")],
        direct="+1 619-555-0155", email="oturner@baysidemed.org",
        address=["3900 Fifth Avenue, Suite 310", "San Diego, CA 92103"], other=["f: (619) 555-0156"]),
    card("Lukas Novák", "Backend Developer", "Vltava Data s.r.o.", [
        ("company", "Vltava Data s.r.o."), ("name", "Lukas Novák"), ("title", "Backend Developer"),
        ("body", "Tel. +420 212 345 678"), ("body", "Mobil +420 601 234 567"),
        ("body", "lukas.novak@vltavadata.cz"),
        ("body", "Václavské náměstí 17"), ("body", "110 00 Praha 1")],
        direct="+420 212 345 678", cell="+420 601 234 567", email="lukas.novak@vltavadata.cz",
        address=["Václavské náměstí 17", "110 00 Praha 1"]),
    card("Charlotte Evans", "Office Manager", "Kingsley Architects", [
        ("company", "Kingsley Architects"), ("name", "Charlotte Evans"), ("title", "Office Manager"),
        ("body", "t. 0117 496 0123"), ("body", "charlotte@kingsleyarchitects.co.uk"),
        ("body", "Designing places people love"),
        ("body", "9 Queen Square"), ("body", "Bristol BS1 4JQ")],
        direct="+44 117 496 0123", email="charlotte@kingsleyarchitects.co.uk",
        address=["9 Queen Square", "Bristol BS1 4JQ"], other=["Designing places people love"]),
    # -- harder ones: no company in the email, labels after numbers, a dark card, a
    # portrait card, glare, a small blurry shot, an address without a postcode
    card("Marta Kowalska", "Senior Data Scientist", "Vistula Insight", [
        ("company", "VISTULA INSIGHT"), ("name", "MARTA KOWALSKA"), ("title", "Senior Data Scientist"),
        ("body", "+48 601 234 567"), ("body", "marta.kowalska@gmail.com"),
        ("body", "ul. Marszałkowska 84/92"), ("body", "00-514 Warszawa"), ("body", "Poland")],
        cell="+48 601 234 567", email="marta.kowalska@gmail.com",
        address=["ul. Marszałkowska 84/92", "00-514 Warszawa", "Poland"]),
    card("Jonas Becker", "Head of Talent", "Nordlicht Media GmbH", [
        ("company", "Nordlicht Media GmbH"), ("name", "Jonas Becker"), ("title", "Head of Talent"),
        ("body", "Telefon +49 40 3289 1100"), ("body", "Mobil +49 171 2233445"),
        ("body", "jonas.becker@nordlicht-media.de"), ("body", "www.nordlicht-media.de"),
        ("body", "Jungfernstieg 7"), ("body", "20354 Hamburg")],
        direct="+49 40 32891100", cell="+49 171 2233445", email="jonas.becker@nordlicht-media.de",
        linkedin="www.nordlicht-media.de", address=["Jungfernstieg 7", "20354 Hamburg"],
        look={"dark": True}),
    card("Karen Mitchell", "Executive Assistant to the President", "Redwood Biotech", [
        ("company", "Redwood Biotech"), ("name", "Karen Mitchell"),
        ("title", "Executive Assistant to the President"),
        ("body", "650-555-0148 (office)"), ("body", "650-555-0172 (cell)"),
        ("body", "kmitchell@redwoodbio.com"),
        ("body", "1 Tower Place, Suite 800"), ("body", "South San Francisco, CA 94080")],
        direct="+1 650-555-0148", cell="+1 650-555-0172", email="kmitchell@redwoodbio.com",
        address=["1 Tower Place, Suite 800", "South San Francisco, CA 94080"]),
    card("Pedro Alves", "Gestor de Projetos", "Tejo Engenharia Lda", [
        ("company", "Tejo Engenharia Lda"), ("name", "Pedro Alves"), ("title", "Gestor de Projetos"),
        ("body", "Tel. +351 21 123 4567"), ("body", "Telem. +351 912 345 678"),
        ("body", "pedro.alves@tejo-eng.pt"),
        ("body", "Avenida da Liberdade 110"), ("body", "1250-146 Lisboa"), ("body", "Portugal")],
        direct="+351 21 123 4567", cell="+351 912 345 678", email="pedro.alves@tejo-eng.pt",
        address=["Avenida da Liberdade 110", "1250-146 Lisboa", "Portugal"], look={"low": True}),
    card("Lucy Fairweather", "Creative Director", "Orbit & Oak", [
        ("company", "ORBIT & OAK"), ("title", "Creative Director"), ("name", "Lucy Fairweather"),
        ("body", "mob +44 7400 123456"), ("body", "lucy@orbitandoak.com"),
        ("body", "orbitandoak.com")],
        cell="+44 7400 123456", email="lucy@orbitandoak.com", linkedin="orbitandoak.com"),
    card("Dr. Ahmed Hassan", "Principal Engineer", "Falcon Aerospace LLC", [
        ("company", "Falcon Aerospace LLC"), ("name", "Dr. Ahmed Hassan"),
        ("title", "Principal Engineer"),
        ("body", "Direct +971 4 332 1234"), ("body", "Mobile +971 50 123 4567"),
        ("body", "ahmed.hassan@falconaero.ae"),
        ("body", "PO Box 12345"), ("body", "Dubai"), ("body", "United Arab Emirates")],
        direct="+971 4 332 1234", cell="+971 50 123 4567", email="ahmed.hassan@falconaero.ae",
        address=["PO Box 12345", "Dubai", "United Arab Emirates"], look={"portrait": True}),
    card("Rosa Jiménez", "Directora Comercial", "Grupo Alborán S.L.", [
        ("company", "Grupo Alborán S.L."), ("name", "Rosa Jiménez"), ("title", "Directora Comercial"),
        ("body", "Tel. +34 91 123 45 67"), ("body", "Móvil +34 612 345 678"),
        ("body", "rosa.jimenez@grupoalboran.es"),
        ("body", "Calle de Alcalá 45"), ("body", "28014 Madrid")],
        direct="+34 911 23 45 67", cell="+34 612 34 56 78", email="rosa.jimenez@grupoalboran.es",
        address=["Calle de Alcalá 45", "28014 Madrid"], look={"glare": True}),
]
