#!/usr/bin/env python3
"""The web app in a real browser: Debian's chromium, headless, driven by Selenium through
chromium-driver, against a server on a database made for the story (run by scripts/test after the
debug build, with the pinned packages of scripts/requirements.txt in .venv).

The story: casting records a performer, their personal data and a consent, and sees it on the
timeline; production simulates a check, runs it, gets needs-approval and requests approval; the
studio contact approves it; production checks again and is allowed; casting revokes the grant and
its impact lists that check; privacy reads the personal data and the auditor sees that read in the
trail; a casting user opening a privacy page gets 403; a form posted without its CSRF token is
refused. Then the performer's side, at a phone's width (390 x 844) and on a laptop: casting invites
the performer (`likeness invite`) and offers a consent (`likeness offer create`); the performer joins
with the code, sees the offer on /me, reads its full terms and signs it, sees the grant, withdraws it
through the confirmation step, and reads the uses ledger (its chart and CSV). Compensation per use:
casting records a consent with a fee through the grant form, production checks a use and reports
it on the receipt (a bad number of days shown beside its field, then corrected by its button), and
the statement (staff's and the performer's) and the production's payables show the amounts and
totals formatted, each fitting a phone. Each step saves a
screenshot in --shots (default: .build/browser-shots, outside git); the phone's `me`, `offer` and
`ledger` are the README's.

Prints 'browser-test: N passed, N failed' and the time taken; exits non-zero on any failure."""
import argparse, datetime, json, os, shutil, sys, tempfile, time, traceback, urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from likeness_harness import ROOT, Server, Tally, cli

PASSWORDS = {role: f"story-{role}-pass" for role in ["admin", "casting", "production", "studio", "privacy", "auditor"]}
tally = Tally("browser-test")
expect = tally.expect


def make_database(work, today):
    """A registry as of today: a vetted tool, a production whose studio contact is `studio`, and
    three performers whose consents end within 90 days."""
    db = os.path.join(work, "story.sqlite")
    cli(db, "init", "--admin", "admin", env={"LIKENESS_ADMIN_PASSWORD": PASSWORDS["admin"]})
    for role in ["casting", "production", "studio", "auditor"]:
        cli(db, "account", "add", "--username", role, "--role", role, env={"LIKENESS_PASSWORD": PASSWORDS[role]})
    cli(db, "account", "add", "--username", "privacy", "--role", "privacy", "--enroller", "admin",
        env={"LIKENESS_PASSWORD": PASSWORDS["privacy"], "LIKENESS_ENROLLER_PASSWORD": PASSWORDS["admin"]})
    registry = os.path.join(work, "registry.json")
    with open(registry, "w") as f:
        json.dump({"tools": [{"id": "t-vault", "name": "Vault Studio Gen", "vendor": "Northlight IT",
                              "retainsInputs": False, "enterpriseSecured": True}],
                   "productions": [{"id": "prod-story", "title": "The Lighthouse Keeper", "studio": "Northlight Studios"}],
                   "performers": [{"id": f"p-{name.lower()}", "name": f"{name} Example"} for name in ["Ada", "Bo", "Cy"]],
                   "grants": [{"id": f"g-{name.lower()}-1", "performer": f"p-{name.lower()}", "production": "prod-story",
                               "uses": ["replica"], "aspects": ["face"], "destinations": ["temporary"], "territories": ["*"],
                               "validFrom": (today - datetime.timedelta(days=100)).isoformat(),
                               "validUntil": (today + datetime.timedelta(days=days)).isoformat(), "signedBy": "performer",
                               "description": f"Face replica of {name} for previs of the storm sequence"}
                              for name, days in [("Ada", 12), ("Bo", 36), ("Cy", 38)]]}, f)
    cli(db, "import", "--actor", "story-setup", registry)
    cli(db, "production", "update", "prod-story", "--contact", "studio", "--actor", "story-setup")
    return db


class Story:
    def __init__(self, base, shots, only=None, viewport=False):
        self.base, self.shots, self.step, self.only, self.viewport = base, shots, 0, only, viewport
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,900",
                         "--disable-gpu", "--no-first-run", "--disable-extensions", "--proxy-server=direct://",
                         "--proxy-bypass-list=*"]:
            options.add_argument(argument)
        service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.set_page_load_timeout(30)

    def shot(self, name):
        """Saves the page: whole (up to 2,400 px high), or only the window with --viewport."""
        self.step += 1
        if self.only is not None and name not in self.only:
            return
        if self.viewport:
            self.driver.save_screenshot(os.path.join(self.shots, f"{name}.png"))
            return
        height = self.driver.execute_script("return Math.min(document.body.scrollHeight, 2400)")
        self.driver.set_window_size(1100, max(700, height))
        self.driver.save_screenshot(os.path.join(self.shots, f"{self.step:02d}-{name}.png"))
        self.driver.set_window_size(1100, 900)

    # A phone's screen, emulated by chromium (a headless window cannot be made this narrow).
    PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}

    def phone(self, on=True):
        if on:
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", self.PHONE)
        else:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def phone_shot(self, name, anchor=None):
        """Saves the phone's screen (--viewport: as NAME.png, scrolled to `anchor`), or the whole
        page at the phone's width (up to 2,400 px high)."""
        self.step += 1
        if self.only is not None and name not in self.only:
            return
        if anchor:
            self.driver.execute_script("document.getElementById(arguments[0]).scrollIntoView()", anchor)
        if self.viewport:
            self.driver.save_screenshot(os.path.join(self.shots, f"{name}.png"))
            return
        height = self.driver.execute_script("return Math.min(document.documentElement.scrollHeight, 2400)")
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**self.PHONE, "height": max(844, height), "deviceScaleFactor": 1})
        self.driver.save_screenshot(os.path.join(self.shots, f"{self.step:02d}-{name}.png"))
        self.phone()

    def overflow(self):
        """How many pixels the page is wider than the window (0 or less: it fits)."""
        return self.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")

    def go(self, path):
        self.driver.get(self.base + path)

    @staticmethod
    def settled(action):
        """Runs `action` again while the page it touched was still being replaced."""
        for attempt in range(20):
            try:
                return action()
            except (StaleElementReferenceException, WebDriverException) as error:
                if attempt == 19 or not (isinstance(error, StaleElementReferenceException)
                                         or "does not belong to the document" in (error.msg or "")):
                    raise
                time.sleep(0.1)

    def text(self):
        return self.settled(lambda: self.driver.find_element(By.TAG_NAME, "body").text)

    def type(self, field_id, value):
        def typing():
            element = self.driver.find_element(By.ID, field_id)
            element.clear()
            element.send_keys(value)
        self.settled(typing)

    def tick(self, name, value):
        box = self.driver.find_element(By.CSS_SELECTOR, f"input[name='{name}[]'][value='{value}']")
        if not box.is_selected():
            box.click()

    def choose(self, field_id, value):
        Select(self.driver.find_element(By.ID, field_id)).select_by_value(value)

    def navigating(self, find):
        """Clicks the element `find` finds and waits for the next page to have loaded."""
        page = self.settled(lambda: self.driver.find_element(By.TAG_NAME, "html"))
        self.settled(lambda: find().click())
        WebDriverWait(self.driver, 15).until(lambda _: self.replaced(page))
        WebDriverWait(self.driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")

    @staticmethod
    def replaced(page):
        """Whether the document `page` was the root of is gone (chromium says so in two ways)."""
        try:
            page.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in (error.msg or ""):
                return True
            raise

    def press(self, label):
        self.navigating(lambda: self.driver.find_element(By.XPATH, f"//button[normalize-space()='{label}']"))

    def follow(self, by, value):
        self.navigating(lambda: self.driver.find_element(by, value))

    def sign_in(self, role):
        self.driver.delete_all_cookies()
        self.go("/")
        self.type("username", role)
        self.type("password", PASSWORDS[role])
        self.press("Sign in")
        expect(f"{role} ({role})" in self.text(), f"{role} is signed in")


def run(story, today):
    until = (today + datetime.timedelta(days=180)).isoformat()
    description = "Face replica for the lighthouse storm reshoots of episode 5"

    # Casting: a performer, their personal data, a consent; the consent on the timeline.
    story.go("/")
    story.shot("sign-in")
    story.sign_in("casting")
    story.go("/performers/new")
    story.type("name", "Inês Ferreira")
    story.type("id", "p-ines")
    story.press("Record performer")
    expect(story.driver.current_url.endswith("/performers/p-ines"), "the new performer's page opens")
    story.follow(By.LINK_TEXT, "Write personal data")
    story.type("legalName", "Inês Maria Ferreira")
    story.type("email", "ines.ferreira@example.org")
    story.press("Save personal data")
    expect("Saved, sealed in the vault." in story.text(), "personal data saved")
    story.go("/performers/p-ines")
    story.follow(By.LINK_TEXT, "Record a consent grant")
    story.type("production", "prod-story")
    story.tick("uses", "replica")
    story.tick("aspects", "face")
    story.tick("destinations", "temporary")
    story.tick("destinations", "final")
    story.type("validUntil", "")
    story.type("description", "too short")
    story.press("Record consent grant")
    expect("validUntil is required" in story.text(), "a missing end day is shown beside its field")
    expect(story.driver.find_element(By.ID, "description").get_attribute("value") == "too short", "the form keeps what was typed")
    story.shot("grant-form-errors")
    story.driver.execute_script("document.getElementById('validUntil').value = arguments[0]", until)
    story.type("description", description)
    story.press("Record consent grant")
    bars = story.driver.find_elements(By.CSS_SELECTOR, "svg g.grant")
    expect(len(bars) == 1, "the timeline has one bar")
    grant = bars[0].get_attribute("data-grant") if bars else ""
    expect(bars and description in bars[0].find_element(By.TAG_NAME, "title").get_attribute("textContent"),
           "the bar names the grant's description")
    expect(bool(story.driver.find_elements(By.CSS_SELECTOR, "svg rect.bar-active")), "the bar is coloured active")
    story.shot("performer-timeline")

    # Production: simulate, check for real, request approval.
    story.sign_in("production")
    story.go("/simulator")
    story.type("production", "prod-story")
    story.type("performer", "p-ines")
    story.choose("use", "replica")
    story.tick("aspects", "face")
    story.choose("destination", "final")
    story.type("territory", "PT")
    story.type("tool", "t-vault")
    story.press("Simulate")
    expect("needs-approval" in story.text(), "the simulation needs approval")
    expect("Its output goes into a final deliverable" in story.text(), "its requirements are in words")
    story.shot("simulator")
    story.press("Run the check")
    expect("/checks/chk" in story.driver.current_url, "the real check's receipt opens")
    first_check = story.driver.current_url.rsplit("/", 1)[-1]
    story.type("note", "The storm reshoot needs Inês's face in the final cut of episode 5")
    story.press("Request approval")
    expect("/requests/" in story.driver.current_url and "open" in story.text(), "the request is open")
    story.shot("approval-request")

    # The studio contact approves it in writing.
    story.sign_in("studio")
    story.go("/requests")
    expect("Approval queue" in story.text() and "p-ines" in story.text(), "the request waits in the studio's queue")
    story.shot("studio-queue")
    story.follow(By.CSS_SELECTOR, "table a[href^='/requests/']")
    expect("Its output goes into a final deliverable" in story.text(), "the studio sees the check's reasons")
    story.type("reference", "NLS-APPROVAL-0457")
    story.press("Approve")
    expect("approved" in story.text(), "the request is approved")
    story.shot("request-approved")

    # Production checks again: allowed.
    story.sign_in("production")
    story.go("/simulator?production=prod-story&performer=p-ines")
    story.choose("use", "replica")
    story.tick("aspects", "face")
    story.choose("destination", "final")
    story.type("territory", "PT")
    story.type("tool", "t-vault")
    story.press("Run the check")
    decision = story.driver.find_element(By.CSS_SELECTOR, ".receipt .decision").text
    expect(decision == "allowed", f"the check after approval is allowed (got {decision})")
    second_check = story.driver.current_url.rsplit("/", 1)[-1]
    story.shot("check-allowed")

    # Casting revokes the grant; its impact names the allowed check.
    story.sign_in("casting")
    story.go(f"/grants/{grant}")
    story.type("reason", "The performer withdrew consent for replicas")
    story.press("revoke")
    expect("revoked" in story.text(), "the grant is revoked")
    story.follow(By.PARTIAL_LINK_TEXT, "impact")
    expect(second_check in story.text(), "the impact lists the allowed check")
    expect(first_check not in story.text(), "and not the check that needed approval")
    story.shot("grant-impact")

    # A casting user may not open a privacy page.
    story.go("/performers/p-ines/personal")
    expect("This page is not for your role" in story.text(), "casting gets the 403 page on personal data")
    story.shot("forbidden")

    # Privacy reads the personal data; the auditor sees the read.
    story.sign_in("privacy")
    story.go("/performers?q=Ferreira")
    story.follow(By.LINK_TEXT, "Inês Ferreira")
    story.follow(By.LINK_TEXT, "Personal data")
    expect(story.driver.find_element(By.ID, "email").get_attribute("value") == "ines.ferreira@example.org", "privacy reads the record")
    story.shot("personal-data")
    story.sign_in("auditor")
    story.go("/audit")
    rows = [row.text for row in story.driver.find_elements(By.CSS_SELECTOR, "tbody tr")]
    expect(any("privacy personal.read p-ines" in row for row in rows), "the auditor sees privacy's read in the trail")
    story.shot("audit")
    story.go("/alerts")
    expect(bool(story.driver.find_elements(By.CSS_SELECTOR, "svg rect.bar-count")), "the alerts page draws its chart")
    expiring, impacted = story.driver.find_elements(By.TAG_NAME, "table")[:2]
    expect(grant not in expiring.text, "a consent 180 days out is not among those expiring within 90 days")
    expect(all(f"g-{name}-1" in expiring.text for name in ["ada", "bo", "cy"]), "the consents ending within 90 days are listed")
    counts = [int(text.text) for text in story.driver.find_elements(By.CSS_SELECTOR, "svg text.count")]
    expect(sum(counts) == 3 and max(counts) == 2, f"the chart counts them by week (got {counts})")
    expect(grant in impacted.text, "the revoked grant is among those whose end touched earlier checks")
    story.shot("alerts")

    # A form without its CSRF token is refused, and nothing changes.
    story.sign_in("casting")
    story.go("/performers/new")
    story.type("name", "Forged Person")
    story.type("id", "p-forged")
    story.driver.execute_script("document.querySelector(\"form[action='/performers'] input[name='_csrf']\").remove()")
    story.press("Record performer")
    expect("This form was refused" in story.text(), "a form without its CSRF token is refused")
    story.shot("csrf-refused")
    story.go("/performers/p-forged")
    expect("Not found" in story.text(), "and nothing was recorded")
    # A tablet's width: no page is wider than the window.
    story.driver.set_window_size(768, 1024)
    for path in ["/performers", "/performers/p-ines", f"/grants/{grant}", "/alerts", "/simulator", "/requests"]:
        story.go(path)
        wide = story.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        expect(wide <= 0, f"{path} fits a tablet's width (overflows by {wide} px)")
    story.driver.set_window_size(1100, 900)
    # Keyboard: the skip link is the first stop.
    story.go("/performers")
    story.driver.find_element(By.TAG_NAME, "body").send_keys("\t")
    expect(story.driver.switch_to.active_element.text == "Skip to content", "the first tab stop skips to the content")


def performer_story(story, db, today):
    """The performer's side at a phone's width, then on a laptop."""
    code = next(line.split("code: ", 1)[1].strip()
                for line in cli(db, "invite", "--performer", "p-ines", "--capacity", "self", "--actor", "casting").stdout.splitlines()
                if line.startswith("code: "))
    description = "Inês's voice for the radio spot announcing the lighthouse series"
    offer = json.loads(cli(db, "offer", "create", "--performer", "p-ines", "--production", "prod-story", "--use", "new-performance",
                           "--aspect", "voice", "--destination", "marketing", "--territory", "PT", "--territory", "ES",
                           "--exclude", "political", "--valid-from", today.isoformat(),
                           "--valid-until", (today + datetime.timedelta(days=120)).isoformat(),
                           "--description", description, "--actor", "casting").stdout)
    story.phone()
    story.driver.delete_all_cookies()
    story.go(f"/join/{code}")
    expect(story.overflow() <= 0, f"the join page fits a phone (overflows by {story.overflow()} px)")
    expect("Inês" not in story.text(), "the join page names nothing of the invitation")
    story.type("username", "ines")
    story.type("password", "elevenchars")
    story.press("Accept the invitation")
    expect("password must be at least 12 characters" in story.text(), "a short password is refused beside its field")
    story.type("password", "ines-long-password")
    story.press("Accept the invitation")
    expect(story.driver.current_url.endswith("/me?joined=1"), "joining signs in and opens /me")
    text = story.text()
    expect("Inês Ferreira" in text and "You act for yourself." in text, "/me names the performer and the capacity")
    expect("1 offer waits for an answer." in text and description in text, "/me shows the offer waiting")
    expect("The Lighthouse Keeper" in text, "/me names the production by its title")
    expect(story.overflow() <= 0, f"/me fits a phone (overflows by {story.overflow()} px)")
    story.phone_shot("me")
    story.follow(By.LINK_TEXT, "Read the full terms and answer")
    expect(story.driver.current_url.endswith(f"/me/offers/{offer['id']}"), "the offer's page opens")
    terms = story.driver.find_element(By.CSS_SELECTOR, ".terms").text
    expect(all(part in terms for part in ["The Lighthouse Keeper", "marketing and promotion", "ES and PT", "political", "withdraw"]),
           "the offer shows its full terms in words")
    expect(story.driver.find_element(By.NAME, "termsSha256").get_attribute("value") == offer["termsSha256"],
           "the sign form carries the terms' hash")
    expect(story.overflow() <= 0, f"the offer fits a phone (overflows by {story.overflow()} px)")
    story.phone_shot("offer")
    story.type(f"typedName-{offer['id']}", "Inês Ferreira")
    story.press("Sign this consent")
    expect("signing needs agree: true" in story.text(), "signing without ticking 'I agree' is refused beside the box")
    story.settled(lambda: story.driver.find_element(By.ID, f"agree-{offer['id']}").click())
    story.press("Sign this consent")
    expect("Signed. The consent is recorded" in story.text(), "the offer is signed")
    cards = story.driver.find_elements(By.CSS_SELECTOR, "article.grant")
    signed = [card for card in cards if description in card.text]
    expect(len(signed) == 1 and "active" in signed[0].text, "the new consent is listed, active")
    grant = signed[0].get_attribute("id").removeprefix("grant-") if signed else ""
    expect(bool(story.driver.find_elements(By.CSS_SELECTOR, f"svg a[href='#grant-{grant}']")), "and drawn on the timeline")
    expect(story.overflow() <= 0, f"the performer's page fits a phone (overflows by {story.overflow()} px)")
    story.phone_shot("me-performer")
    story.follow(By.CSS_SELECTOR, f"a[href='/me/grants/{grant}/revoke']")
    text = story.text()
    expect("What stops" in text and "What stays on record" in text, "withdrawing asks for confirmation, naming what stops and stays")
    expect(story.overflow() <= 0, f"the confirmation fits a phone (overflows by {story.overflow()} px)")
    story.phone_shot("me-confirm")
    story.type("reason", "I no longer want my voice in advertising")
    story.press("Withdraw this consent")
    expect("Withdrawn. Every later check" in story.text(), "the consent is withdrawn")
    card = story.driver.find_element(By.ID, f"grant-{grant}")
    expect("revoked" in card.text and not card.find_elements(By.CSS_SELECTOR, "a.button"), "it is revoked, with nothing more to do")
    # The ledger: the checks of the story's first part named Inês.
    rows = story.driver.find_elements(By.CSS_SELECTOR, "#uses ~ .scroll table.ledger tbody tr")
    expect(len(rows) >= 2 and all("The Lighthouse Keeper" in row.text for row in rows), f"the ledger lists the uses ({len(rows)} rows)")
    expect(bool(story.driver.find_elements(By.CSS_SELECTOR, "svg[aria-labelledby^='uses-chart-title'] rect.bar-count")),
           "the ledger draws uses per week")
    story.phone_shot("ledger", anchor="uses")
    csv_link = story.driver.find_element(By.PARTIAL_LINK_TEXT, "Download these uses as CSV").get_attribute("href")
    session = story.driver.get_cookie("likeness_session")["value"]
    with urllib.request.urlopen(urllib.request.Request(csv_link, headers={"Cookie": f"likeness_session={session}"})) as answer:
        body = answer.read().decode()
        expect(answer.headers["Content-Type"].startswith("text/csv") and body.startswith("id,production,use,")
               and body.count("prod-story") >= 2, "the CSV download holds the ledger")
    # Another performer's page is not theirs.
    story.go("/me/performers/p-ada")
    expect("This page is not for your role" in story.text() or "does not act for" in story.text(), "another performer's page is refused")
    # On a laptop: the same pages fit, each with one h1.
    story.phone(False)
    for path in ["/me", "/me/performers/p-ines", f"/me/offers/{offer['id']}"]:
        story.go(path)
        expect(story.overflow() <= 0, f"{path} fits a laptop (overflows by {story.overflow()} px)")
        expect(len(story.driver.find_elements(By.TAG_NAME, "h1")) == 1, f"{path} has one h1")
    story.shot("me-laptop")
    story.go("/me")
    story.driver.find_element(By.TAG_NAME, "body").send_keys("\t")
    expect(story.driver.switch_to.active_element.text == "Skip to content", "the first tab stop on /me skips to the content")
    outline = story.driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    expect(outline not in ("none", ""), f"the focused link shows its focus (outline {outline})")
    # Her account: an address for notification mails, one kind muted; a wrong address is shown again
    # with the message beside it. On a phone.
    story.phone()
    story.go("/account")
    expect(story.overflow() <= 0, f"the account page fits a phone (overflows by {story.overflow()} px)")
    story.type("email", "Ines <ines@example.org>")
    story.press("Save")
    expect("not a plain e-mail address" in story.text(), "a display name in the address is refused beside the field")
    story.type("email", "ines@example.org")
    story.tick("mute", "uses.digest")
    story.press("Save")
    expect("Saved." in story.text(), "the address and the muted kind are saved")
    boxes = story.driver.find_elements(By.CSS_SELECTOR, "input[name='mute[]']:checked")
    expect([box.get_attribute("value") for box in boxes] == ["uses.digest"], "the muted kind stays ticked")
    story.phone_shot("account")
    story.phone(False)
    # Casting offers her another consent: its mail waits in the outbox (no mail server in this
    # test), which the admin's page lists.
    cli(db, "offer", "create", "--performer", "p-ines", "--production", "prod-story", "--use", "replica", "--aspect", "face",
        "--destination", "temporary", "--territory", "PT", "--valid-until", (today + datetime.timedelta(days=90)).isoformat(),
        "--description", "A replica of her face for the previs of the storm sequence", "--actor", "casting")
    story.sign_in("admin")
    story.go("/admin/mail")
    rows = [row.text for row in story.driver.find_elements(By.CSS_SELECTOR, "tbody tr")]
    expect(any("offer.waiting" in row and "ines@example.org" in row and "pending" in row for row in rows),
           f"the admin's mail page lists the offer's mail, pending (rows: {rows})")
    story.shot("admin-mail")


def compensation_story(story, today):
    """A fee in a consent's terms, a use reported on its receipt, and what is owed for it."""
    story.sign_in("casting")
    story.go("/grants/new?performer=p-ines")
    story.type("production", "prod-story")
    story.tick("uses", "replica")
    story.tick("aspects", "face")
    story.tick("destinations", "final")
    story.driver.execute_script("document.getElementById('validUntil').value = arguments[0]",
                                (today + datetime.timedelta(days=180)).isoformat())
    story.type("description", "Face replica of Inês for the previs of the harbour night shoot")
    story.type("feeAmount", "1500.005")
    story.type("feeCurrency", "USD")
    story.choose("feePer", "day")
    story.type("feePensionHealthPercent", "21")
    story.press("Record consent grant")
    expect("USD has 2 decimals" in story.text(), "an amount with more decimals than the currency has is refused beside its field")
    story.type("feeAmount", "1500.00")
    story.press("Record consent grant")
    expect(story.driver.current_url.endswith("/performers/p-ines#timeline"), "the consent with its fee is recorded")
    bars = [bar for bar in story.driver.find_elements(By.CSS_SELECTOR, "svg g.grant")
            if "harbour night shoot" in bar.find_element(By.TAG_NAME, "title").get_attribute("textContent")]
    grant = bars[0].get_attribute("data-grant") if bars else ""
    story.go(f"/grants/{grant}")
    expect("USD 1,500.00 per day of use, plus 21% to the pension and health plans" in story.text(), "the grant states its fee in words")

    # Production checks a use of it (in the final cut, which the studio approved above) and reports
    # two days of use on the receipt.
    story.sign_in("production")
    story.go("/simulator?production=prod-story&performer=p-ines")
    story.choose("use", "replica")
    story.tick("aspects", "face")
    story.choose("destination", "final")
    story.type("territory", "PT")
    story.type("tool", "t-vault")
    story.press("Run the check")
    decision = story.driver.find_element(By.CSS_SELECTOR, ".receipt .decision").text
    expect(decision in ("allowed", "notify"), f"the check under the paid consent is allowed (got {decision})")
    check = story.driver.current_url.rsplit("/", 1)[-1]
    expect(grant in story.driver.find_element(By.CSS_SELECTOR, ".receipt").text, "it relies on the paid consent")
    story.phone()
    expect(story.driver.find_element(By.ID, "deliveredOn").get_attribute("value") == today.isoformat(), "delivered today by default")
    story.type("days", "two")
    story.press("Report use")
    expect(story.driver.find_element(By.ID, "days-error").text.startswith("type a number in digits"), "bad days are refused beside the field")
    story.type("days", "2")
    story.type("usage-note", "Previs of the harbour night shoot")
    story.press("Report use")
    text = story.text()
    expect("Reported as use-" in text and "USD 3,000.00" in text and "USD 630.00" in text,
           "the report's line: two days at USD 1,500.00, and 21% to pension and health")
    expect(story.overflow() <= 0, f"the receipt with its report fits a phone (overflows by {story.overflow()} px)")
    story.phone_shot("usage-report", anchor="usage")

    # What is owed: the production's payables, the staff's statement, the performer's own.
    story.go("/productions/prod-story")
    story.follow(By.PARTIAL_LINK_TEXT, "Payables")
    rows = [row.text for row in story.driver.find_elements(By.CSS_SELECTOR, "table.ledger tbody tr")]
    expect(len(rows) == 1 and "Inês Ferreira" in rows[0] and "USD 3,000.00" in rows[0], f"the payables name the performer (rows: {rows})")
    totals = story.driver.find_element(By.CSS_SELECTOR, "table.totals tbody").text
    expect("USD 3,000.00" in totals and "USD 630.00" in totals, f"and total the month per currency ({totals})")
    expect(story.overflow() <= 0, f"the payables fit a phone (overflows by {story.overflow()} px)")
    story.phone_shot("payables")
    story.sign_in("auditor")
    story.go("/performers/p-ines#statement")
    lines = [row.text for row in story.driver.find_elements(By.CSS_SELECTOR, "#statement ~ .scroll table.ledger tbody tr")]
    expect(len(lines) == 1 and "USD 3,000.00" in lines[0] and "The Lighthouse Keeper" in lines[0], f"the statement lists the line ({lines})")
    expect(story.overflow() <= 0, f"the performer's page with its statement fits a phone (overflows by {story.overflow()} px)")
    story.driver.delete_all_cookies()
    story.go("/")
    story.type("username", "ines")
    story.type("password", "ines-long-password")
    story.press("Sign in")
    story.go("/me/performers/p-ines#statement")
    totals = story.driver.find_element(By.CSS_SELECTOR, "#statement ~ .scroll table.totals tbody").text
    expect("USD 3,000.00" in totals and "USD 630.00" in totals, f"the performer reads her total ({totals})")
    expect(story.overflow() <= 0, f"her page with its statement fits a phone (overflows by {story.overflow()} px)")
    story.phone_shot("statement", anchor="statement")
    csv_link = story.driver.find_element(By.PARTIAL_LINK_TEXT, "Download this statement as CSV").get_attribute("href")
    session = story.driver.get_cookie("likeness_session")["value"]
    with urllib.request.urlopen(urllib.request.Request(csv_link, headers={"Cookie": f"likeness_session={session}"})) as answer:
        expect(answer.read().decode().rstrip().endswith(",USD,day,2,300000,63000"), "the statement's CSV holds the line in cents")

    # Production corrects its report with the button: the month owes nothing.
    story.sign_in("production")
    story.go(f"/checks/{check}")
    story.press("Correct (reverse this report)")
    expect("Corrected: report" in story.text() and "USD -3,000.00" in story.text(), "the correction reverses the line")
    expect(not story.driver.find_elements(By.XPATH, "//button[normalize-space()='Correct (reverse this report)']"),
           "nothing is left to correct")
    story.go("/productions/prod-story/payables")
    totals = story.driver.find_element(By.CSS_SELECTOR, "table.totals tbody").text
    expect("USD 0.00" in totals, f"the month's payables come to nothing ({totals})")
    story.phone(False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shots", default=os.path.join(ROOT, ".build", "browser-shots"),
                        help="where to save the screenshots (default: .build/browser-shots)")
    parser.add_argument("--only", help="comma-separated names of the screenshots to save (default: all)")
    parser.add_argument("--viewport", action="store_true", help="save only the window, named without a step number")
    args = parser.parse_args()
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="likeness-browser-")
    shots = os.path.abspath(args.shots)
    os.makedirs(shots, exist_ok=True)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    db = make_database(work, today)
    server = Server(db, "--host", "127.0.0.1", log=os.path.join(work, "server.log"))
    story = None
    try:
        story = Story(f"http://127.0.0.1:{server.port}", shots, args.only.split(",") if args.only else None, args.viewport)
        run(story, today)
        performer_story(story, db, today)
        compensation_story(story, today)
    except WebDriverException as error:
        where = traceback.extract_tb(error.__traceback__)
        step = next((frame for frame in reversed(where) if frame.name == "run"), where[-1])
        expect(False, f"the browser failed at line {step.lineno} ({step.line}): {error.msg}")
    finally:
        if story:
            story.driver.quit()
        server.stop(timeout=20)
    status = tally.report(f" in {time.monotonic() - started:.1f} s; screenshots in {shots}")
    if status:
        print(f"kept {work} (the database and server.log)")
    else:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
