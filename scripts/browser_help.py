"""The resident journey in a browser, with the keyboard alone: the questions, the help on offer,
asking for it, a partner fulfilling it, and /track. Used by browser_checks.py, once with axe on
every page and once with JavaScript turned off."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait

OFFICER = "officer@demo.onramp.test"
PARTNER = "partner@demo.onramp.test"

# What the resident answers: a care leaver on a phone who runs out of data.
ANSWERS = {
    "devices": ["smartphone"], "device-ownership": ["own"], "connection": ["mobile-data"], "enough-internet": ["sometimes"],
    "age": ["18-24"], "benefits": ["universal-credit"], "income": ["under-16k"], "struggling": ["yes"],
    "about-you": ["care-leaver"], "safety": ["fairly"], "wants": ["work"], "access-needs": ["none"], "language": ["english"],
    "contact-by": ["sms"], "contact-when": ["any"], "lives-in-area": ["yes"],
}
SKILLS = ["turn-on", "controls", "accessibility", "open-app", "wifi", "browser", "passwords-safe", "passwords-update"]


class Keyboard:
    """Moves focus with Tab and acts with Space, Enter, arrows and typing: no clicks."""

    def __init__(self, driver):
        self.driver = driver

    def active(self):
        return self.driver.switch_to.active_element

    def tab_to(self, matches, what, limit=120):
        self.driver.find_element(By.TAG_NAME, "body")
        for _ in range(limit):
            element = self.active()
            if matches(element):
                return element
            element.send_keys(Keys.TAB)
        raise AssertionError(f"could not reach {what} with Tab on {self.driver.current_url}")

    def start(self):
        """From the top of a fresh page."""
        self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)

    def type_into(self, field_id, text):
        self.start()
        self.tab_to(lambda e: e.get_attribute("id") == field_id, f"#{field_id}").send_keys(text)

    def choose(self, name, value):
        """A radio: Tab into its group, then arrows until the value is chosen."""
        self.start()
        element = self.tab_to(lambda e: e.get_attribute("name") == name, f"radios {name}")
        for _ in range(20):
            if element.get_attribute("value") == value:
                if not element.is_selected():
                    element.send_keys(Keys.SPACE)
                return
            element.send_keys(Keys.ARROW_DOWN)
            element = self.active()
        raise AssertionError(f"no radio {name}={value}")

    def pick(self, field_id, text):
        """A select: Tab to it, then arrows until the option holding this text is chosen."""
        self.start()
        element = self.tab_to(lambda e: e.get_attribute("id") == field_id, f"#{field_id}")
        for _ in range(60):
            if text in Select(element).first_selected_option.text:
                return
            element.send_keys(Keys.ARROW_DOWN)
        raise AssertionError(f"no option with {text!r} in #{field_id}")

    def tick(self, name, value):
        self.start()
        element = self.tab_to(lambda e: e.get_attribute("name") == name and e.get_attribute("value") == value, f"checkbox {name}={value}")
        if not element.is_selected():
            element.send_keys(Keys.SPACE)

    def tick_labelled(self, name, label):
        """The checkbox of a group whose label holds this text: Tab to it and press Space."""
        def matches(element):
            if element.get_attribute("name") != name or element.get_attribute("type") != "checkbox":
                return False
            return label in self.driver.find_element(By.CSS_SELECTOR, f"label[for='{element.get_attribute('id')}']").text
        self.start()
        element = self.tab_to(matches, f"checkbox {name} labelled {label!r}")
        if not element.is_selected():
            element.send_keys(Keys.SPACE)

    def press(self, text):
        """Tabs to a button or link with this text and presses Enter, waiting for the next page."""
        self.start()
        old = self.driver.find_element(By.TAG_NAME, "html")
        element = self.tab_to(lambda e: e.tag_name in ("button", "a") and e.text.strip() == text, f"'{text}'")
        element.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 10).until(lambda _: is_gone(old))


def is_gone(element):
    """True once the page holding `element` has been replaced. Chromium sometimes says so with
    an inspector error rather than a stale-element one, so any refusal to read it counts."""
    try:
        element.is_enabled()
        return False
    except Exception:
        return True


class Journey:
    """A walk through some pages: each checked with axe (or, with JavaScript off, by title)."""

    def __init__(self, checks, driver, with_axe):
        self.checks = checks
        self.driver = driver
        self.keys = Keyboard(driver)
        self.with_axe = with_axe

    def check(self, name, title=None):
        if self.with_axe:
            self.checks.check_page(self.driver, name, title)
        elif title and title not in self.driver.title:
            raise AssertionError(f"{name}: expected {title!r}, got {self.driver.title!r}")

    def go(self, path):
        self.driver.get(self.checks.base + path)


class HelpJourney(Journey):

    def answer_questions(self, postcode="SE1 2QH", first_error=True):
        """From the first question to check your answers. SE1 2QH is in Southwark, the demo council's area."""
        if first_error:
            self.keys.press("Continue")
            self.check("a question with an error", "Error: ")
        for _ in range(30):
            if "/check" in self.driver.current_url:
                return
            question = self.driver.current_url.rstrip("/").split("/")[-1].split("?")[0]
            if question == "skills":
                for index, task in enumerate(SKILLS):
                    self.keys.choose(f"skills.{task}", "alone" if index < 6 else "cannot")
            elif question == "postcode":
                self.keys.type_into("postcode", postcode)
            elif question in ("devices", "connection", "benefits", "about-you", "wants", "access-needs", "contact-by", "contact-when"):
                for value in ANSWERS[question]:
                    self.keys.tick(question, value)
            else:
                self.keys.choose(question, ANSWERS[question][0])
            self.keys.press("Continue")
        raise AssertionError("never reached check your answers")

    def ask(self, name, done_title="Your request has been sent"):
        """From check your answers to the confirmation; returns the reference."""
        self.check("check your answers", "Check your answers")
        self.keys.press("See the help you can get")
        self.check("the help you can get", "The help you can get")
        assert "Because your postcode is in the council" in self.driver.page_source, "no reasons on the package"
        # Nothing is ticked for the resident: asking for nothing is an error, then they choose.
        assert ' checked' not in self.driver.find_element(By.ID, "main-content").get_attribute("innerHTML").replace("Price checked", ""), "help ticked for the resident"
        self.keys.press("Ask for help")
        self.check("ask for help with errors", "Error: The help you can get")
        self.keys.tick_labelled("offer", "Borrow a laptop")
        self.keys.tick_labelled("offer", "Free mobile data")
        self.keys.type_into("name", name)
        self.keys.type_into("dob", "3")
        self.keys.type_into("dob-month", "4")
        self.keys.type_into("dob-year", "2005")
        self.keys.type_into("phone", "07700 900123")
        self.keys.tick("consent", "yes")
        self.keys.press("Ask for help")
        self.check("request sent", done_title)
        reference = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]", self.driver.page_source).group(0)
        return reference

    def resident(self, name):
        self.go("/help")
        self.check("get help to get online", "Get help to get online")
        self.keys.press("Start now")
        self.check("the first question", "Which of these can you use?")
        self.answer_questions()
        reference = self.ask(name)
        self.keys.press("Answer 4 questions about yourself")
        self.check("equality monitoring questions", "Help us be fair")
        self.keys.choose("sex", "prefer-not")
        self.keys.press("Send answers")
        self.check("equality monitoring saved", "Thank you")
        return reference

    def track(self, reference, expect):
        self.go("/track")
        self.check("check on your request", "Check on your request")
        self.keys.type_into("reference", reference)
        self.keys.type_into("postcode", "SE1 1AA")
        self.keys.press("Check")
        self.check("track with wrong details", "Error: Check on your request")
        self.keys.type_into("reference", reference)
        self.keys.type_into("postcode", "se1 2qh")
        self.keys.press("Check")
        self.check("your request's progress", "Your request")
        assert expect in self.driver.page_source, f"/track does not show {expect!r}"

    def partner_fulfils(self, reference, sign_in):
        self.driver.delete_all_cookies()
        sign_in(self.driver, PARTNER)
        self.go("/referrals")
        self.check("referral queue (partner)", "Referrals")
        self.keys.type_into("reference", reference)
        self.keys.press("Filter")
        self.check("referral queue found by reference", "Referrals")
        row = self.driver.find_element(By.XPATH, f"//tr[contains(., 'Borrow a laptop')]//a[normalize-space()='{reference}']")
        self.go(row.get_attribute("href").replace(self.checks.base, ""))
        self.check("a referral", "Referral")
        self.keys.press("Update status")
        self.check("a refused status move", "Error: Referral")
        self.keys.choose("status", "contacted")
        self.keys.type_into("outcome", "Phoned; collecting the laptop on Friday")
        self.keys.press("Update status")
        self.check("a contacted referral", "Referral")
        assert "Received \u2192 Contacted" in self.driver.page_source, "the move is not on the timeline"
        assert "value=\"fulfilled\"" not in self.driver.page_source, "a laptop referral can be marked fulfilled by hand"
        assert "Hand a ready device over" in self.driver.page_source, "the referral does not point to Devices"
        self.give_data(reference)
        self.driver.delete_all_cookies()

    def give_data(self, reference):
        """The resident's data referral: contacted, then a SIM from the data bank, its code shown once."""
        self.go("/referrals?reference=" + reference)
        row = self.driver.find_element(By.XPATH, f"//tr[contains(., 'Free mobile data')]//a[normalize-space()='{reference}']")
        referral_page = row.get_attribute("href").replace(self.checks.base, "")
        self.go(referral_page)
        self.keys.choose("status", "contacted")
        self.keys.press("Update status")
        self.go("/kit/data?referral=" + referral_page.rstrip("/").split("/")[-1])
        self.check("the data bank", "Data bank")
        self.keys.press("Give and show the code")
        self.check("give data with errors", "Error: Data bank")
        self.keys.pick("referral", reference)
        self.keys.pick("pack", "Vodafone")
        self.keys.press("Give and show the code")
        self.check("a data code, shown once", f"Code for {reference}")
        assert "DEMO-VODA-" in self.driver.page_source, "the code is not shown"

    def officer(self, sign_in, resident_name):
        """An officer helps a resident on the phone, then looks over the council's cases."""
        self.driver.delete_all_cookies()
        sign_in(self.driver, OFFICER)
        self.go("/cases/new")
        self.check("help a resident", "Help a resident")
        self.keys.choose("channel", "phone")
        self.keys.press("Start the questions")
        self.check("an assisted question", "Which of these can you use?")
        assert "You are answering for a resident" in self.driver.page_source
        self.answer_questions(first_error=False)
        # The last page is for the officer, with the case to open.
        self.ask(resident_name, done_title="Request made for")
        assert "Open their case" in self.driver.page_source, "the officer is not given the case"
        if not self.with_axe:
            return
        self.go("/cases")
        self.check("cases dashboard", "Cases")
        self.driver.find_element(By.CSS_SELECTOR, "table a.govuk-link").click()
        self.check("a case", "Case ")
        for path, name, title in [
            ("/cases/tasks", "letters and calls", "Letters and calls"), ("/cases/duplicates", "possible duplicates", "Possible duplicates"),
            ("/referrals", "referral queue (officer)", "Referrals"), ("/referrals?overdue=yes", "overdue referrals", "Referrals"),
            ("/help/offers", "offers", "Offers"), ("/help/paper-form", "paper form", "Paper form"),
            ("/help/tariffs", "social tariffs", "Social tariffs"), ("/help/tariffs/new", "add a social tariff", "Add a social tariff"),
        ]:
            self.go(path)
            self.check(name, title)
        self.go("/help/offers")
        self.driver.find_element(By.CSS_SELECTOR, "table a.govuk-link").click()
        self.check("an offer", "Change ")
        self.keys.press("Preview who would qualify")
        self.check("an offer's rule previewed", "Change ")
        assert "Who would qualify under this rule" in self.driver.page_source
        self.driver.delete_all_cookies()
