"""Skills sessions in a browser: the public listing near a postcode, a session, a resident
booking and cancelling with the keyboard alone, a full session's waiting list, and staff's
pages (the list, a session with its bookings and register, the session form). Used by
browser_checks.py, once with axe on every page and once with JavaScript turned off."""
import uuid

from selenium.webdriver.common.by import By

from browser_help import Journey

OFFICER = "officer@demo.onramp.test"
CHAMPION = "champion@demo.onramp.test"


class SessionsJourney(Journey):

    def open_listed(self, text, pages=5):
        """Follows the first session in the listing whose entry holds `text`, page by page."""
        for _ in range(pages):
            for item in self.driver.find_elements(By.CSS_SELECTOR, ".app-results li"):
                if text in item.text:
                    self.driver.get(item.find_element(By.CSS_SELECTOR, "a").get_attribute("href"))
                    return
            following = self.driver.find_elements(By.CSS_SELECTOR, "a[rel=next]")
            if not following:
                break
            self.driver.get(following[0].get_attribute("href"))
        raise AssertionError(f"no listed session with {text!r} on {self.driver.current_url}")

    def resident(self):
        """Search near a postcode, book a place with the keyboard, see it, cancel it."""
        self.go("/sessions")
        self.check("sessions listing", "Digital skills sessions")
        self.keys.type_into("postcode", "SE1 7PB")
        self.keys.press("Search")
        self.check("sessions near a postcode", "Digital skills sessions")
        assert "miles)" in self.driver.page_source, "sessions near a postcode show no distance"
        self.open_listed("places left")
        self.check("a session", None)
        self.keys.press("Book a place")
        self.check("a booking with errors", "Error: ")
        email = f"browser-{uuid.uuid4().hex[:8]}@example.com"
        self.keys.type_into("name", "Ada Browser")
        self.keys.choose("way", "email")
        self.keys.type_into("email", email)
        self.keys.press("Book a place")
        self.check("your booking", "Your place is booked")
        self.keys.press("Cancel my booking")
        self.check("your booking, cancelled", "Your booking is cancelled")
        # A full session offers its waiting list.
        self.go("/sessions")
        self.open_listed("Full")
        self.check("a full session", None)
        self.keys.type_into("name", "Grace Browser")
        self.keys.choose("way", "phone")
        self.keys.type_into("phone", "020 7946 0" + str(uuid.uuid4().int % 1000).zfill(3))
        self.keys.press("Join the waiting list")
        self.check("on the waiting list", "You are on the waiting list")
        if self.with_axe:
            self.go("/sessions?language=zz")
            self.check("sessions with none found", "Digital skills sessions")
            assert "No sessions found" in self.driver.page_source, "no empty state"
            self.go("/sessions?postcode=not+a+postcode")
            self.check("sessions with an error", "Error: Digital skills sessions")

    def staff(self, sign_in):
        """An officer's list, a session with its bookings and register, the session form; a
        champion's own sessions."""
        self.driver.delete_all_cookies()
        sign_in(self.driver, OFFICER)
        self.go("/sessions/manage")
        self.check("sessions (staff)", "Sessions")
        self.go("/sessions/manage?when=past")
        self.check("past sessions", "Past sessions")
        assert "Drop-in digital help" in self.driver.page_source, "no past session in the demo"
        self.driver.find_element(By.CSS_SELECTOR, "table a.govuk-link").click()
        self.check("a past session with its register", None)
        assert "Attended" in self.driver.page_source, "the demo's register is not shown"
        # A learner's skills at the end, already filled in from the start: saved by keyboard.
        self.driver.find_element(By.PARTIAL_LINK_TEXT, "At the end").click()
        self.check("skills at the end, from a booking", "Skills at the end")
        self.keys.press("Save skills at the end")
        self.check("a session with skills saved", None)
        assert "Skills saved" in self.driver.page_source, "no banner after saving skills"
        self.go("/sessions/manage/new")
        self.check("put on a session", "Put on a session")
        self.keys.press("Put on session")
        self.check("put on a session with errors", "Error: Put on a session")
        self.go("/sessions/manage")
        self.driver.find_element(By.CSS_SELECTOR, "table a.govuk-link").click()
        self.check("a session with its bookings", None)
        self.driver.find_element(By.PARTIAL_LINK_TEXT, "Change the session").click()
        self.check("change a session", "Change ")
        self.driver.delete_all_cookies()
        sign_in(self.driver, CHAMPION)
        self.go("/sessions/manage")
        self.check("sessions a champion runs", "Sessions")
        self.go("/volunteering")
        self.check("a champion's own volunteering", "Your volunteering")
        assert "Time you have given" in self.driver.page_source and "Your next sessions" in self.driver.page_source, "the champion's own page is empty"
