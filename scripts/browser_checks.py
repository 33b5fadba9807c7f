#!/usr/bin/env python3
"""Browser checks for a running `onramp demo`: every page type loads, sign-in works with the
keyboard alone and with JavaScript off, and axe-core (4.4, bundled by axe-core-python) finds no
violation on any page. Exits non-zero on the first failure of a flow, after reporting all axe
violations found so far.

    python3 scripts/browser_checks.py --base http://127.0.0.1:8080
"""
import argparse
import base64
import io
import re
import sys
import tempfile
import unicodedata
import uuid

from axe_core_python.selenium import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_help import HelpJourney, is_gone
from browser_sessions import SessionsJourney

DEMO_PASSWORD = "demo-password-not-for-real-use"
ADMIN = "admin@demo.onramp.test"
CHAMPION = "champion@demo.onramp.test"


# A white 1x1 PNG, for the device photo upload.
ONE_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"


def make_driver(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1024"):
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Checks:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.axe = Axe()
        self.violations = []
        self.pages = 0

    def check_page(self, driver, name, expect_title=None):
        """Runs axe on the page the driver shows and records any violation."""
        self.pages += 1
        title = driver.title
        if expect_title and expect_title not in title:
            raise AssertionError(f"{name}: expected title containing {expect_title!r}, got {title!r}")
        results = self.axe.run(driver)
        self.check_narrow(driver, name)
        for violation in results["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            self.violations.append(f"{name} ({driver.current_url}): {violation['id']} [{violation['impact']}] {violation['help']} at {targets}")
        print(f"  checked {name}: {title!r}, {len(results['violations'])} violation(s)")
        for violation in results["violations"]:
            print(f"    {violation['id']}: {violation['help']} at {[n['target'] for n in violation['nodes']][:3]}")

    # What the page must fit: a 320 CSS pixel wide phone, which is also a 1280 pixel window at
    # 400% zoom (WCAG 1.4.10, reflow). Chromium's mobile emulation makes the viewport that narrow,
    # which a desktop window cannot be.
    NARROW = {"width": 320, "height": 640, "deviceScaleFactor": 2, "mobile": True}
    OVERFLOW_SCRIPT = """
        const width = document.documentElement.clientWidth;
        const wide = [];
        for (const element of document.body.querySelectorAll('*')) {
            if (element.closest('.app-map-wrapper')) continue;
            // A table's headings are hidden on a phone (each cell carries its own): clipped, never scrolled to.
            const head = element.closest('thead');
            if (head && getComputedStyle(head).position === 'absolute') continue;
            const box = element.getBoundingClientRect();
            // Off to the left is where skip links wait; only the right edge makes a page scroll sideways.
            if (box.width > 0 && box.right > width + 1) {
                wide.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
                          (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '') +
                          ' (' + Math.round(box.left) + ' to ' + Math.round(box.right) + ')');
            }
        }
        return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 5)};
    """

    def check_narrow(self, driver, name):
        """The page as a 320-pixel phone shows it: nothing wider than the screen, so nobody has
        to scroll sideways to read it. Recorded with the axe violations."""
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", self.NARROW)
        try:
            found = driver.execute_script(self.OVERFLOW_SCRIPT)
        finally:
            driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        if found["scroll"] > found["width"] or found["wide"]:
            self.violations.append(f"{name} ({driver.current_url}): at 320 pixels wide it scrolls sideways ({found['scroll']} > {found['width']}): {found['wide']}")
            print(f"    too wide at 320 px: {found['wide']}")
        self.narrow_pages = getattr(self, "narrow_pages", 0) + 1

    def visit(self, driver, path, name, expect_title=None):
        driver.get(self.base + path)
        self.check_page(driver, name, expect_title)

    def submit(self, driver, button_text):
        """Clicks a form's button and waits for the next page to replace this one."""
        old_page = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.XPATH, f"//button[normalize-space()='{button_text}']").click()
        WebDriverWait(driver, 10).until(lambda _: is_gone(old_page))

    def attach(self, driver, field_id, suffix, contents):
        """Chooses a file for a file input, as a person would, from a temporary file."""
        with tempfile.NamedTemporaryFile("wb" if isinstance(contents, bytes) else "w", suffix=suffix, delete=False) as chosen:
            chosen.write(contents)
        driver.find_element(By.ID, field_id).send_keys(chosen.name)

    def fill(self, driver, field_id, text):
        element = driver.find_element(By.ID, field_id)
        element.clear()
        element.send_keys(text)

    def sign_in_with_keyboard(self, driver, email):
        """Signs in using only the Tab, typing and Enter keys, as a keyboard user would."""
        driver.get(self.base + "/sign-in")
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        first = driver.switch_to.active_element
        assert first.text == "Skip to main content", f"first tab stop is {first.text!r}, not the skip link"
        for _ in range(20):
            active = driver.switch_to.active_element
            if active.get_attribute("id") == "email":
                break
            active.send_keys(Keys.TAB)
        else:
            raise AssertionError("could not reach the email field with Tab")
        driver.switch_to.active_element.send_keys(email)
        driver.switch_to.active_element.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.get_attribute("id") == "password", "Tab from email did not reach password"
        driver.switch_to.active_element.send_keys(DEMO_PASSWORD)
        sign_in_page = driver.find_element(By.TAG_NAME, "html")
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        # Enter starts the form's submission and returns before the next page has
        # loaded, so reading the page at once can still see the sign-in form (CI failed
        # on that twice with the home page already showing by the time of the message).
        try:
            WebDriverWait(driver, 10).until(lambda _: is_gone(sign_in_page) and "Hello," in driver.page_source)
        except TimeoutException:
            raise AssertionError(f"keyboard sign-in did not reach the home page: {driver.title}") from None

    def run(self):
        driver = make_driver()
        try:
            self.public_pages(driver)
            self.sign_in_with_keyboard(driver, ADMIN)
            self.check_page(driver, "staff home (admin): the dashboard", "Dashboard")
            invitation = self.admin_pages(driver)
            driver.delete_all_cookies()
            self.visit(driver, invitation, "choose your password", "Choose your password")
            self.submit(driver, "Save password and sign in")
            self.check_page(driver, "choose your password with errors", "Error: ")
            driver.delete_all_cookies()
            self.sign_in_with_keyboard(driver, CHAMPION)
            self.check_page(driver, "staff home (champion)", "Home")
            self.visit(driver, "/admin/users", "forbidden page", "You cannot do this")
            self.help_journey(driver, with_axe=True)
            self.case_pages(driver, with_axe=True)
            sessions = SessionsJourney(self, driver, with_axe=True)
            sessions.resident()
            sessions.staff(self.sign_in_with_keyboard)
        finally:
            driver.quit()
        self.without_javascript()
        self.directory_without_javascript()
        driver = make_driver(javascript=False)
        try:
            self.help_journey(driver, with_axe=False)
            print("  the resident journey, a partner's fulfilment and /track, keyboard only with JavaScript off")
            self.case_pages(driver, with_axe=False)
            print("  finding residents and merging two records, keyboard only with JavaScript off")
            SessionsJourney(self, driver, with_axe=False).resident()
            print("  booking a session, cancelling it and joining a waiting list, keyboard only with JavaScript off")
        finally:
            driver.quit()
        return self.violations

    def case_pages(self, driver, with_axe):
        """An officer finds residents by name, date of birth and nothing, is told what cannot be
        searched for, and merges two records of one resident after reading what will happen.
        Keyboard only; the help journey has just made two requests from the same resident."""
        from browser_help import Keyboard

        keys = Keyboard(driver)

        def check(name, title):
            if with_axe:
                self.check_page(driver, name, title)
            elif title not in driver.title:
                raise AssertionError(f"{name}: expected {title!r}, got {driver.title!r}")

        def search(typed):
            self.fill(driver, "q", "")
            keys.type_into("q", typed)
            keys.press("Search")

        driver.delete_all_cookies()
        self.sign_in_with_keyboard(driver, "officer@demo.onramp.test")
        driver.get(self.base + "/cases")
        search("ada brow")
        check("cases search results", "Search results")
        assert "Ada Browser" in driver.page_source, "a search by part of a name did not find the resident"
        # Skills at the start, from the resident's case: missing answers, then saved by keyboard.
        case_link = next(a for a in driver.find_elements(By.CSS_SELECTOR, "main a")
                         if re.search(r"/cases/[0-9A-Fa-f-]{36}$", a.get_attribute("href") or ""))
        driver.get(case_link.get_attribute("href"))
        driver.find_element(By.PARTIAL_LINK_TEXT, "Record skills at the start").click()
        check("skills at the start", "Skills at the start")
        keys.press("Save skills at the start")
        check("skills with missing answers", "Error: Skills at the start")
        for area in ("communicating", "handling-information", "transacting", "problem-solving", "being-safe-and-legal"):
            keys.choose(f"area-{area}", "with-help")
        keys.press("Save skills at the start")
        check("a case with skills saved", "Case ")
        assert "Skills saved" in driver.page_source, "no banner after saving skills"
        driver.get(self.base + "/cases")
        search("3/4/2005")
        check("cases search by date of birth", "Search results")
        assert "Ada Browser" in driver.page_source and "born on 3 April 2005" in driver.page_source, "a search by date of birth did not find the resident"
        search("Zebedee Nobody")
        check("cases search with no results", "Search results")
        assert "No residents match" in driver.page_source, "no empty state"
        search("31/02/2005")
        check("cases search that cannot be made", "Error: Cases")
        summary = driver.find_element(By.CSS_SELECTOR, ".govuk-error-summary a")
        assert summary.get_attribute("href").endswith("#q"), "the error summary does not link to the search box"

        driver.get(self.base + "/cases/duplicates")
        check("possible duplicates", "Possible duplicates")
        keys.start()
        link = keys.tab_to(lambda e: e.tag_name == "a" and e.get_attribute("role") == "button" and "/cases/duplicates/" in (e.get_attribute("href") or ""),
                           "a check-and-merge link")
        old = driver.find_element(By.TAG_NAME, "html")
        link.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda _: is_gone(old))
        check("merge confirmation", "Merge two records")
        assert "Check before you merge these records" in driver.page_source and "Contact details and preferences kept" in driver.page_source
        keys.press("Merge records")
        check("possible duplicates after a merge", "Possible duplicates")
        assert "The records have been merged" in driver.page_source, "no banner after the merge"
        driver.delete_all_cookies()

    def help_journey(self, driver, with_axe):
        """A resident asks for help and tracks it; a partner fulfils it; an officer helps another
        resident on the phone. Keyboard only."""
        journey = HelpJourney(self, driver, with_axe)
        driver.delete_all_cookies()
        reference = journey.resident("Ada Browser")
        journey.track(reference, "Received")
        journey.partner_fulfils(reference, self.sign_in_with_keyboard)
        journey.track(reference, "Fulfilled")
        journey.officer(self.sign_in_with_keyboard, "Ada Browser")
        if with_axe:
            driver.delete_all_cookies()
            self.sign_in_with_keyboard(driver, ADMIN)
            self.visit(driver, "/cases/equality", "equality monitoring counts", "Equality monitoring")
            self.visit(driver, "/admin/messages", "messages with the resident's reference", "Messages")
            assert reference in driver.page_source, "the reference message is not in the outbox"
            self.personal_data(driver, reference)

    def personal_data(self, driver, reference):
        """An administrator's retention settings, and a resident's copy of everything held and
        the erasure form, refused without a reason (nothing is erased)."""
        self.visit(driver, "/admin/retention", "retention settings", "How long personal data is kept")
        field = driver.find_element(By.ID, "closed_case_months")
        field.clear()
        field.send_keys("2")
        self.submit(driver, "Save")
        self.check_page(driver, "retention settings with errors", "Error: How long personal data is kept")
        driver.get(self.base + "/cases?q=" + reference)
        driver.find_element(By.PARTIAL_LINK_TEXT, "Give the resident a copy").click()
        self.check_page(driver, "a resident's personal data", "Personal data")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Open a copy to print").click()
        self.check_page(driver, "everything held about a resident", "Everything held about a resident")
        driver.back()
        self.submit(driver, "Erase their personal data")
        self.check_page(driver, "erasure refused without a reason", "Error: Personal data")

    def public_pages(self, driver):
        self.visit(driver, "/", "public home", "Get online")
        self.visit(driver, "/sign-in", "sign in", "Sign in")
        self.submit(driver, "Sign in")
        self.check_page(driver, "sign in with errors", "Error: Sign in")
        summary = driver.find_element(By.CSS_SELECTOR, ".govuk-error-summary a")
        assert summary.get_attribute("href").endswith("#email"), "error summary does not link to the field"
        self.directory_pages(driver)
        self.visit(driver, "/no/such/page", "page not found", "Page not found")
        self.visit(driver, "/invitations/not-a-real-token", "unusable invitation", "This link cannot be used")
        self.champion_application(driver, with_axe=True)
        self.follow_up(driver)

    def follow_up(self, driver):
        """A resident's follow-up from the demo's published link: the questions, every missing
        answer at once, and the thanks once answered."""
        self.visit(driver, "/how-is-it-going/demo-follow-up-link-published-for-the-browser-checks", "a follow-up's questions", "Did our help work for you?")
        self.submit(driver, "Send answers")
        self.check_page(driver, "a follow-up with errors", "Error: Did our help work for you?")
        assert driver.page_source.count("govuk-error-message") >= 10, "a follow-up does not show every missing answer at once"
        for name, value in [("online", "yes"), ("online_by", "mobile-data"), ("still_using", "yes"), ("confidence", "4")] + \
                [(field.get_attribute("name"), "alone") for field in driver.find_elements(By.CSS_SELECTOR, "input[name^='task-'][value='alone']")]:
            driver.execute_script("document.querySelector(arguments[0]).checked = true", f"input[name='{name}'][value='{value}']")
        self.submit(driver, "Send answers")
        self.check_page(driver, "a follow-up answered", "Thank you")

    REPORT_SECTIONS = ["The quarter in figures", "The last eight quarters", "What works", "Reach against risk", "Equality", "Coverage gap"]

    def quarterly_report(self, driver):
        """The quarterly report printed to PDF on A4 by Chromium: each section on its own page, in order."""
        from pypdf import PdfReader
        self.visit(driver, "/insight/report", "the quarterly report", "Quarterly report")
        options = PrintOptions()
        options.page_width, options.page_height = 21.0, 29.7
        options.background = True
        pdf = PdfReader(io.BytesIO(base64.b64decode(driver.print_page(options))))
        # NFKC: the PDF's text keeps ligatures ("ﬁ") that the page did not have.
        pages = [unicodedata.normalize("NFKC", page.extract_text() or "") for page in pdf.pages]
        width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, f"the report is not A4: {width} x {height} points"
        starts = []
        for heading in self.REPORT_SECTIONS:
            found = [number for number, text in enumerate(pages) if heading in text]
            assert found, f"the printed report has no {heading!r}"
            starts.append(found[0])
        assert starts == sorted(starts) and len(set(starts)) == len(starts), f"the report's sections do not each start a page: {starts}"
        assert "Digital inclusion programme:" in pages[0], "the report's first page has no title"
        assert "Sign out" not in "".join(pages), "the printed report carries the site's navigation"
        print(f"  printed the quarterly report: {len(pages)} A4 pages, sections starting on pages {[n + 1 for n in starts]}")

    def public_map(self, driver):
        """Publishing the risk map with a narrative, the public page and list, and taking it down."""
        self.visit(driver, "/places/publish", "publish the risk map", "Publish the risk map")
        self.submit(driver, "Publish")
        self.check_page(driver, "publish the risk map with errors", "Error: Publish the risk map")
        driver.find_element(By.CSS_SELECTOR, "input[name='run']").click()
        driver.find_element(By.ID, "narrative").send_keys("<h2>Why we publish this</h2><p>Help is near: <a href=\"https://www.southwark.gov.uk\">Southwark Council</a>.</p><script>alert(1)</script>")
        self.submit(driver, "Publish")
        self.check_page(driver, "the risk map published", "Publish the risk map")
        public = driver.find_element(By.LINK_TEXT, "See the public page").get_attribute("href")
        driver.get(public)
        self.check_page(driver, "the public risk map", "Digital exclusion risk in")
        assert "Why we publish this" in driver.page_source and "alert(1)" not in driver.page_source, "the narrative is not cleaned"
        self.visit(driver, "/maps", "the published maps", "Maps of digital exclusion risk")
        self.visit(driver, "/places/publish", "publish the risk map again", "Publish the risk map")
        self.submit(driver, "Take the map down")
        driver.get(public)
        assert "Page not found" in driver.title or "not found" in driver.page_source.lower(), "the map is still public after it was taken down"

    def follow_up_calls(self, driver):
        """Staff's follow-up calls: the list, a call with the questions, and refused answers."""
        self.visit(driver, "/follow-ups", "follow-up calls", "Follow-up calls")
        driver.find_element(By.CSS_SELECTOR, "table a.govuk-link").click()
        self.check_page(driver, "a follow-up call", "Follow-up call")
        self.submit(driver, "Save answers")
        self.check_page(driver, "a follow-up call with errors", "Error: Follow-up call")

    def directory_pages(self, driver):
        """The public directory, searched with the keyboard: results, a service, its print version."""
        self.visit(driver, "/directory", "directory search", "Find help to get online")
        self.fill(driver, "q", "wifi")
        self.fill(driver, "postcode", "se1 7pb")
        self.submit(driver, "Search")
        self.check_page(driver, "directory results near a postcode", "Find help to get online")
        assert "miles away" in driver.page_source, "directory results show no distance"
        self.directory_places(driver)
        driver.find_element(By.PARTIAL_LINK_TEXT, "Printable version").click()
        self.check_page(driver, "a service, printable", "(printable)")
        self.visit(driver, "/directory?postcode=not+a+postcode", "directory search with an error", "Error: Find help")
        self.visit(driver, "/directory?q=nothing-matches-this", "directory search with no results", "Find help to get online")

    def directory_places(self, driver, with_axe=True):
        """From results near a postcode: the filters folded, the results' printable list, a
        place's page and its printable version, then the service the place offers."""
        check = self.check_page if with_axe else (lambda _driver, _name, title=None: self.expect_title(driver, title))
        results_url = driver.current_url
        folded = driver.find_element(By.CSS_SELECTOR, "details.app-results-search")
        assert folded.get_attribute("open") is None, "the filters are not folded after a search"
        assert not driver.find_element(By.ID, "postcode").is_displayed(), "the folded filters still show their fields"
        assert driver.find_element(By.CSS_SELECTOR, ".app-result").is_displayed(), "no result is shown"
        first = driver.find_element(By.CSS_SELECTOR, ".app-result h3 a")
        assert " at " in first.text and "/directory/places/" in first.get_attribute("href"), f"a result near a postcode does not lead to its place: {first.text!r}"
        driver.find_element(By.PARTIAL_LINK_TEXT, "Printable list of these results").click()
        check(driver, "directory results, printable", "Find help to get online (printable)")
        assert "nearest first" in driver.page_source and "app-results-printed__week" in driver.page_source, "the printable results have no order or hours"
        driver.get(results_url)
        driver.find_element(By.CSS_SELECTOR, ".app-result h3 a").click()
        check(driver, "a place in the directory")
        assert "Help you can get here" in driver.page_source and "Opening hours" in driver.page_source, "the place page lacks its help or hours"
        place_title = driver.title.split(" – ")[0]
        driver.find_element(By.PARTIAL_LINK_TEXT, "Printable version").click()
        check(driver, "a place, printable", f"{place_title} (printable)")
        assert "Monday: " in driver.page_source and "Open now" not in driver.page_source, "the printable place page has no week, or says open now"
        driver.find_element(By.PARTIAL_LINK_TEXT, "Back to the full page").click()
        driver.find_element(By.PARTIAL_LINK_TEXT, "Free Wi-Fi").click()
        check(driver, "a service in the directory", "Free Wi-Fi")

    def expect_title(self, driver, expect_title):
        if expect_title and expect_title not in driver.title:
            raise AssertionError(f"expected title containing {expect_title!r}, got {driver.title!r}")

    def directory_without_javascript(self):
        """The directory searched, folded filters opened, a place and the printable pages, with
        JavaScript off: nothing there may need it."""
        driver = make_driver(javascript=False)
        try:
            driver.get(self.base + "/directory")
            self.fill(driver, "q", "wifi")
            self.fill(driver, "postcode", "se1 7pb")
            self.submit(driver, "Search")
            self.directory_places(driver, with_axe=False)
            driver.get(self.base + "/directory?q=wifi&postcode=se1+7pb")
            driver.find_element(By.CSS_SELECTOR, "summary.app-results-search__summary").click()
            assert driver.find_element(By.ID, "postcode").is_displayed(), "the folded filters do not open without JavaScript"
            print("  the directory's results, a place and the printable pages with JavaScript off")
        finally:
            driver.quit()

    def directory_editing_pages(self, driver):
        """Proposing a service and deciding on it, as an administrator (who is also an editor)."""
        self.visit(driver, "/directory/manage", "directory management", "Directory")
        self.visit(driver, "/directory/manage/new", "propose a service", "Propose a new service")
        self.submit(driver, "Send for approval")
        self.check_page(driver, "propose a service with errors", "Error: Propose a new service")
        self.fill(driver, "name", "Browser check Wi-Fi")
        self.fill(driver, "description", "Free Wi-Fi, proposed by the browser checks.")
        driver.find_element(By.CSS_SELECTOR, "input[name=terms]").click()
        self.fill(driver, "hours-monday", "09:00-17:00")
        self.submit(driver, "Send for approval")
        self.check_page(driver, "a proposal waiting for a decision", "Proposal: Browser check Wi-Fi")
        self.submit(driver, "Save decision")
        self.check_page(driver, "a decision with errors", "Error: Proposal")
        self.visit(driver, "/directory/manage/review", "services to check", "Services to check")
        self.visit(driver, "/directory/manage/kinds-of-help/new", "add a kind of help", "Add a kind of help")
        self.submit(driver, "Add kind of help")
        self.check_page(driver, "add a kind of help with errors", "Error: Add a kind of help")

    def admin_pages(self, driver):
        self.visit(driver, "/admin/users", "users", "Users")
        self.visit(driver, "/admin/users?search=nobody-matches-this", "users, no match", "Users")
        self.visit(driver, "/admin/users/invite", "invite a user", "Invite a user")
        self.submit(driver, "Send invitation")
        self.check_page(driver, "invite with errors", "Error: Invite a user")
        self.fill(driver, "name", "Browser Check")
        self.fill(driver, "email", f"browser-{uuid.uuid4().hex[:8]}@demo.onramp.test")
        driver.find_element(By.ID, "role-2").click()
        self.submit(driver, "Send invitation")
        self.check_page(driver, "invitation sent", "Invitation sent")
        link = re.search(r"/invitations/[A-Za-z0-9_-]+", driver.page_source).group(0)
        driver.find_element(By.PARTIAL_LINK_TEXT, "View Browser Check").click()
        self.check_page(driver, "user details", "Browser Check")
        self.submit(driver, "Deactivate account")
        self.check_page(driver, "deactivate with errors", "Error: ")
        self.visit(driver, "/admin/organisations", "organisations", "Organisations")
        self.visit(driver, "/admin/organisations/new", "add an organisation", "Add a partner")
        self.submit(driver, "Add organisation")
        self.check_page(driver, "add an organisation with errors", "Error: ")
        self.visit(driver, "/admin/council", "how residents reach the council", "How residents reach")
        self.fill(driver, "phone", "12")
        self.submit(driver, "Save")
        self.check_page(driver, "the council's details with errors", "Error: How residents reach")
        self.visit(driver, "/contact", "get help without the website", "Get help without the website")
        assert "020 7525 5000" in driver.page_source, "the council's phone number is not on /contact"
        self.places_pages(driver)
        self.directory_editing_pages(driver)
        self.kit_pages(driver)
        self.champion_pages(driver)
        self.follow_up_calls(driver)
        self.visit(driver, "/insight/what-works?segment=age", "what works, by age band", "What works")
        assert "fewer than 5" in driver.page_source, "what works shows small numbers"
        self.visit(driver, "/insight/what-works?segment=risk", "what works, by risk band", "What works")
        self.visit(driver, "/insight/reach", "reach against risk", "Reach against risk")
        assert "High-risk areas reached least" in driver.page_source, "reach lists the high-risk areas reached least"
        self.visit(driver, "/insight/coverage", "the coverage gap", "Coverage gap")
        assert "Within 800 metres of help" in driver.page_source, "the coverage gap gives the share within a walk"
        self.visit(driver, "/insight/equality", "equality", "Equality")
        assert "Representation ratio" in driver.page_source, "equality compares with the census"
        self.quarterly_report(driver)
        self.public_map(driver)
        self.visit(driver, "/?by=imd", "the dashboard, by deprivation decile", "Dashboard")
        assert "The last eight quarters" in driver.page_source, "the dashboard has its trends"
        self.visit(driver, "/admin/audit", "audit log", "Audit log")
        self.visit(driver, "/admin/audit?from-day=31&from-month=2&from-year=2026", "audit log with a filter error", "Error: Audit log")
        self.visit(driver, "/admin/messages", "messages", "Messages")
        self.visit(driver, "/account", "your account", "Your account")
        self.visit(driver, "/account/password", "change password", "Change your password")
        self.submit(driver, "Change password")
        self.check_page(driver, "change password with errors", "Error: ")
        return link

    def champion_application(self, driver, with_axe):
        """Offering to volunteer from the home page: the form refuses what is missing, then sends."""
        check = self.check_page if with_axe else (lambda _driver, _name, title=None: self.expect_title(driver, title))
        driver.get(self.base + "/")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Become a digital champion").click()
        check(driver, "become a digital champion", "Become a digital champion")
        self.fill(driver, "name", "Browser Volunteer")
        self.submit(driver, "Send")
        check(driver, "become a digital champion with errors", "Error: Become a digital champion")
        assert driver.find_element(By.ID, "name").get_attribute("value") == "Browser Volunteer", "the name typed was lost"
        driver.find_element(By.CSS_SELECTOR, "input[name=contact_by][value=email]").click()
        self.fill(driver, "email", f"volunteer-{uuid.uuid4().hex[:8]}@example.com")
        Select(driver.find_element(By.ID, "organisation")).select_by_index(2)
        driver.find_element(By.CSS_SELECTOR, "input[name=availability][value=weekends]").click()
        driver.find_element(By.CSS_SELECTOR, "input[name=strengths][value=communicating]").click()
        driver.find_element(By.CSS_SELECTOR, "input[name=consent]").click()
        self.submit(driver, "Send")
        check(driver, "offer to volunteer sent", "Thank you for offering to help")

    def champion_pages(self, driver):
        """Champions: the queue by status, a paused champion with a lapsed check, refused forms,
        the checks lapsing soon, the council's required checks and the hours report."""
        self.visit(driver, "/champions", "champions", "Champions")
        assert "Browser Volunteer" in driver.page_source, "the application is not in the queue"
        self.visit(driver, "/champions?status=paused", "champions who are paused", "Champions")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Grace Liu").click()
        self.check_page(driver, "a paused champion", "Grace Liu")
        assert "DBS check lapsed" in driver.page_source, "the paused champion's reason is not shown"
        self.submit(driver, "Record check")
        self.check_page(driver, "record a check with errors", "Error: Grace Liu")
        self.submit(driver, "Change status")
        self.check_page(driver, "change a champion's status with errors", "Error: Grace Liu")
        self.submit(driver, "Record hours")
        self.check_page(driver, "record hours with errors", "Error: Grace Liu")
        driver.find_element(By.PARTIAL_LINK_TEXT, "\u2019s details").click()
        self.check_page(driver, "change a champion's details", "Change Grace Liu")
        driver.find_element(By.ID, "name").clear()
        self.submit(driver, "Save details")
        self.check_page(driver, "change a champion's details with errors", "Error: Change Grace Liu")
        self.visit(driver, "/champions/lapsing", "checks lapsing within 30 days", "Checks lapsing")
        assert "Lapses on" in driver.page_source, "the demo has no check lapsing soon"
        self.visit(driver, "/champions/required-checks", "checks champions need", "Checks champions need")
        self.submit(driver, "Add check")
        self.check_page(driver, "add a check with errors", "Error: Checks champions need")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Change").click()
        self.check_page(driver, "change a required check", "Change")
        self.visit(driver, "/champions/hours", "hours given by champions", "Hours given")
        assert "April to June" in driver.page_source or "July to September" in driver.page_source or "October to December" in driver.page_source or "January to March" in driver.page_source, "no quarter in the report"

    def kit_pages(self, driver):
        """The device bank: stock, batches, labels, a device and a refused move."""
        self.visit(driver, "/kit", "device stock", "Devices")
        self.visit(driver, "/kit/batches", "donated batches", "Donated batches")
        self.submit(driver, "Record batch")
        self.check_page(driver, "record a batch with errors", "Error: Donated batches")
        # A real upload, so the form's field names are the ones the server reads.
        self.fill(driver, "donor", "Browser check donor")
        driver.find_element(By.CSS_SELECTOR, "input[name=source][value=business]").click()
        for box, text in (("received", "20"), ("received-month", "11"), ("received-year", "2026")):
            self.fill(driver, box, text)
        self.attach(driver, "file", ".csv", f"type,make,model,serial\nlaptop,Dell,Latitude 5490,BROWSER{uuid.uuid4().hex[:8]}\n")
        self.submit(driver, "Record batch")
        self.check_page(driver, "a batch just recorded", "Batch from Browser check donor")
        self.visit(driver, "/kit/batches", "donated batches", "Donated batches")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Southwark Council IT").click()
        self.check_page(driver, "a donated batch", "Batch from")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Print asset labels").click()
        self.check_page(driver, "asset labels", "Asset labels")
        driver.back()
        driver.find_element(By.CSS_SELECTOR, "table a.govuk-link").click()
        self.check_page(driver, "a device", "Device ONR-")
        self.submit(driver, "Move device")
        self.check_page(driver, "a device move with errors", "Error: Device ONR-")
        self.submit(driver, "Hand over")
        self.check_page(driver, "a handover with errors", "Error: Device ONR-")
        self.submit(driver, "Add photo")
        self.check_page(driver, "a photo with errors", "Error: Device ONR-")
        self.attach(driver, "photo", ".png", base64.b64decode(ONE_PIXEL_PNG))
        self.submit(driver, "Add photo")
        self.check_page(driver, "a device with a photo", "Device ONR-")
        assert "<img src=\"/kit/files/" in driver.page_source, "the photo is not shown"
        self.visit(driver, "/kit/loans", "devices on loan", "Devices on loan")
        self.visit(driver, "/kit/data", "the data bank", "Data bank")
        self.submit(driver, "Record batch")
        self.check_page(driver, "record SIMs with errors", "Error: Data bank")
        self.fill(driver, "batch", "Browser check SIMs")
        self.attach(driver, "file", ".csv", f"kind,network,allowance_gb,months,expires_on,code\nsim,O2,30,6,2099-12-31,BROWSER{uuid.uuid4().hex[:10]}\n")
        self.submit(driver, "Record batch")
        self.check_page(driver, "SIMs just recorded", "Data bank")
        assert "O2" in driver.page_source, "the new network is not in the stock"

    def places_pages(self, driver):
        self.visit(driver, "/places", "places", "Places")
        if not driver.find_elements(By.XPATH, "//button[normalize-space()='Compute the index']"):
            print("  no open data loaded: skipping the risk index pages")
            return
        self.submit(driver, "Compute the index")
        self.check_page(driver, "compute the index with errors", "Error: Places")
        Select(driver.find_element(By.ID, "lad")).select_by_value("E09000028")
        driver.find_element(By.CSS_SELECTOR, "input[name=base][value=london]").click()
        self.submit(driver, "Compute the index")
        self.check_page(driver, "risk index for a local authority", "Risk index for")
        self.submit(driver, "Compare")
        self.check_page(driver, "two computations compared", "Compare two computations")
        self.visit(driver, "/places/london", "London map", "London")
        # Each borough on the London map leads to its own map, where each area leads to its page.
        driver.find_element(By.CSS_SELECTOR, ".app-map a").click()
        self.check_page(driver, "a borough's map from the London map", "Risk index for")
        driver.find_element(By.CSS_SELECTOR, ".app-map a").click()
        self.check_page(driver, "an area", "Southwark")

    def without_javascript(self):
        """Signing in and reaching a staff page must not need JavaScript."""
        driver = make_driver(javascript=False)
        try:
            driver.get(self.base + "/sign-in")
            self.fill(driver, "email", ADMIN)
            self.fill(driver, "password", DEMO_PASSWORD)
            self.submit(driver, "Sign in")
            assert "Hello," in driver.page_source, "sign-in without JavaScript failed"
            driver.get(self.base + "/admin/users")
            assert "Invite a user" in driver.page_source, "users page without JavaScript failed"
            driver.delete_all_cookies()
            self.champion_application(driver, with_axe=False)
            print("  signed in and used a staff page with JavaScript off")
        finally:
            driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    checks = Checks(parser.parse_args().base)
    violations = checks.run()
    if violations:
        print(f"\naxe found {len(violations)} violation(s):")
        for line in violations:
            print("  " + line)
        print(f"browser checks: 0 passed, 1 failed ({checks.pages} pages checked)")
        return 1
    print(f"\nbrowser checks: {checks.pages} passed, 0 failed (each also at 320 pixels wide: {getattr(checks, 'narrow_pages', 0)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
