"""Uses `wangluo serve` as a person would, in headless Chromium (Debian's chromium and
chromium-driver, driven by Selenium): open the home page, follow the link to the ODNI claim, see
its quote highlighted, open the reading view, reach a claim's number with the keyboard, filter
the claims by perspective, open a claim from a highlight's number, open a
paragraph's IRI and land on it in the reading view, see a concept's Chinese label, run
`adversary-sources` from the query page and see the rows.

Usage: browser_check.py ROOT. Prints `key=value` lines; exits 1 on a failed check, 3 when the
browser is missing.
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}")
        sys.exit(1)


def keyboard_and_filter(driver, root):
    """The reading view with the keyboard: the skip link first, then a claim's number within a
    few Tab presses; the filter (its script) keeps only the Chinese perspective's claims."""
    driver.get(root + "/read/id/rathor-2024")
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    first = driver.switch_to.active_element
    check(first.get_attribute("href").endswith("#main"), "the skip link comes first")
    for tabs in range(1, 60):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        active = driver.switch_to.active_element
        if "claim-no" in (active.get_attribute("class") or ""):
            break
    else:
        check(False, "no claim's number within 60 Tab presses")
    print(f"tabs_to_first_claim={tabs + 1}")
    name = driver.execute_script("return arguments[0].textContent", active)
    check(":" in name and len(name) > 20, f"a claim's number names its claim: {name!r}")
    form = driver.find_element(By.CSS_SELECTOR, "form.filter")
    check(form.is_displayed(), "the script shows the filter")
    Select(driver.find_element(By.ID, "filter-perspective")).select_by_value("chinese")
    marks = driver.find_elements(By.CSS_SELECTOR, "#text mark.quote")
    dimmed = [m for m in marks if "dimmed" in m.get_attribute("class")]
    kept = [m for m in marks if "dimmed" not in m.get_attribute("class")]
    check(kept and all(m.get_attribute("data-perspective") == "chinese" for m in kept), "only Chinese claims kept")
    check(len(dimmed) + len(kept) == len(marks) and dimmed, "the others dimmed")
    items = [li for li in driver.find_elements(By.CSS_SELECTOR, ".claim-list li") if li.is_displayed()]
    print(f"filtered_claims={len(items)}")
    check(len(items) == len({m.get_attribute("data-claim") for m in kept}), "the panel lists the kept claims")


def main(root):
    for path in (CHROMIUM, DRIVER):
        if not os.path.exists(path):
            print(f"missing {path} (Debian packages chromium and chromium-driver)")
            sys.exit(3)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        driver.get(root + "/")
        check("wangluo" in driver.title, f"home page title {driver.title!r}")
        claim = driver.find_element(By.PARTIAL_LINK_TEXT, "describes China as a sophisticated cyber adversary")
        claim.click()
        check(driver.current_url.endswith("/page/id/odni-sophisticated-cyber-adversary"), driver.current_url)
        quote = driver.find_element(By.CSS_SELECTOR, "figure.quote-in-text mark.quote")
        colour = quote.value_of_css_property("background-color")
        check(quote.is_displayed() and colour not in ("rgba(0, 0, 0, 0)", "transparent"), f"quote colour {colour}")
        print(f"quote={quote.text}")
        print(f"quote_colour={colour}")
        highlighted = driver.find_elements(By.CSS_SELECTOR, "figure.quote-in-text p.paragraph mark.quote")
        check(len(highlighted) > 0, "the quote is highlighted in its paragraph")
        driver.find_element(By.LINK_TEXT, "open in the reading view").click()
        check("/read/id/rathor-2024#char=" in driver.current_url, driver.current_url)
        sentence_id = driver.current_url.split("#", 1)[1]
        sentence = driver.find_element(By.ID, sentence_id)
        check(len(sentence.find_elements(By.CSS_SELECTOR, "mark.quote")) > 0, "the sentence holds highlights")
        print(f"reading_quotes={len(driver.find_elements(By.CSS_SELECTOR, '#text mark.quote'))}")
        print(f"no_claim_sentences={len(driver.find_elements(By.CSS_SELECTOR, '.sentence.no-claim'))}")
        legend = driver.find_elements(By.CSS_SELECTOR, "ul.legend li")
        check(len(legend) >= 3, "a legend of the perspectives")
        chinese = [p for p in driver.find_elements(By.CSS_SELECTOR, "article.reading p.paragraph[id]") if "网络强国" in p.text]
        check(len(chinese) == 1, "one paragraph, with its own id, shows 网络强国")
        paragraph_id = chinese[0].get_attribute("id")
        keyboard_and_filter(driver, root)
        driver.get(root + "/read/id/rathor-2024#" + sentence_id)
        sentence = driver.find_element(By.ID, sentence_id)
        sentence.find_elements(By.CSS_SELECTOR, "mark.quote a.claim-no")[0].click()
        check("/page/id/" in driver.current_url, f"a highlight opens a claim: {driver.current_url}")
        check(driver.find_element(By.CSS_SELECTOR, "p.kind").text.upper() == "CLAIM", "the page is a claim")
        # A paragraph's IRI opens the reading view at that paragraph (the browser keeps the
        # fragment across the redirects).
        driver.get(root + "/id/rathor-2024/paragraph#" + paragraph_id)
        check(driver.current_url.endswith("/read/id/rathor-2024#" + paragraph_id), driver.current_url)
        target = driver.execute_script("var t = document.querySelector(':target'); return t && [t.tagName, t.className, t.getBoundingClientRect().top];")
        check(target is not None and target[0] == "P" and target[1] == "paragraph", f"the paragraph is the target: {target}")
        check(abs(target[2]) < 5, f"the view is scrolled to the paragraph: top {target[2]}")
        print(f"paragraph_url={driver.current_url}")
        # The concept's Chinese label is shown (Debian's fonts-wqy-zenhei draws it).
        driver.get(root + "/id/wangluo-qiangguo")
        label = driver.find_element(By.CSS_SELECTOR, "dl.names [lang=zh]")
        check(label.is_displayed() and label.size["width"] > 0, "the Chinese label is shown")
        print(f"chinese_label={label.text}")
        driver.get(root + "/query")
        driver.find_element(By.CSS_SELECTOR, "a[href$='query?name=adversary-sources']").click()
        rows = driver.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
        check(len(rows) > 0, "adversary-sources gives rows")
        links = driver.find_elements(By.CSS_SELECTOR, "table.results tbody a")
        check(len(links) > 0, "IRIs in the results are links")
        print(f"query_rows={len(rows)}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1])
