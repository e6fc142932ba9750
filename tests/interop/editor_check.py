"""Annotates with `wangluo serve --edit` as a person would, in headless Chromium (Debian's
chromium and chromium-driver, driven by Selenium):

1. select a phrase of the reading view, fill in a claim (claimant from the corpus's actors),
   save: the file holds the claim, the text shows its highlight, the highlight opens the claim;
2. with the keyboard only: pick a sentence from the list, type a claim, press Enter;
3. a claim the checks refuse: the reason beside the form, the file unchanged;
4. two editors (two tabs) on one file: the second is told to reload, nothing is lost;
5. axe-core on the editor (the page with a saved notice, and with an error): WCAG 2.2 A/AA.

Usage: editor_check.py ROOT TOML AXE_MIN_JS. Prints `key=value` lines; exits 1 on a failed check,
3 when the browser is missing.
"""
import hashlib
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Selects `words` (their first occurrence in the text of #text) as a reader's drag would: a DOM
# Range over the text nodes, set as the document's selection (the page's script hears
# selectionchange). Only the runs of the document's text count (`[data-char]`): the claim badges'
# words for screen readers are hidden from sight and cannot be selected with a mouse.
SELECT = """
var words = arguments[0], text = document.getElementById('text');
var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT, { acceptNode: function (n) {
  return n.parentElement.closest('[data-char]') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT; } });
var nodes = [], all = '';
while (walker.nextNode()) { nodes.push([walker.currentNode, all.length]); all += walker.currentNode.data; }
var at = all.indexOf(words);
if (at < 0) { return false; }
function point(offset) {
  for (var i = nodes.length - 1; i >= 0; i--) {
    if (nodes[i][1] <= offset) { return [nodes[i][0], offset - nodes[i][1]]; }
  }
}
var a = point(at), b = point(at + words.length), range = document.createRange();
range.setStart(a[0], a[1]); range.setEnd(b[0], b[1]);
var selection = document.getSelection(); selection.removeAllRanges(); selection.addRange(range);
return true;
"""


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}")
        sys.exit(1)


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def wait_for(condition, message, limit=20):
    started = time.monotonic()
    while time.monotonic() - started < limit:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    check(False, message)


def select(driver, words):
    check(driver.execute_script(SELECT, words), f"{words!r} is in the text")
    # The script turns the selection into offsets.
    wait_for(lambda: driver.find_element(By.ID, "start").get_attribute("value"), "offsets filled")


def fill_claim(driver, label, claimant):
    driver.find_element(By.ID, "label").send_keys(label)
    driver.find_element(By.ID, "claimant").send_keys(claimant)
    driver.find_element(By.ID, "subjects").send_keys("china")
    driver.find_element(By.CSS_SELECTOR, "input[name=perspective][value=western]").click()
    driver.find_element(By.CSS_SELECTOR, "input[name=characterization][value=adversarial]").click()


def save(driver):
    driver.find_element(By.CSS_SELECTOR, "button[name=action][value=claim]").click()


def audit(driver, axe, context="document"):
    """axe's WCAG A/AA violations in `context` (the whole page, or the editor's panel)."""
    driver.execute_script(axe)
    driver.set_script_timeout(120)
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "var context = arguments[1] === 'document' ? document : {include: [[arguments[1]]]};"
        "axe.run(context, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(function (r) { done(JSON.stringify(r.violations)); })"
        ".catch(function (e) { done(JSON.stringify({error: String(e)})); });",
        TAGS,
        context,
    )
    violations = json.loads(result)
    check(not isinstance(violations, dict), f"axe ran: {violations}")
    for v in violations:
        for node in v["nodes"][:3]:
            print(f"  {v['id']} {v['impact']} {' '.join(map(str, node['target']))[:160]}")
    return violations


def report(driver, axe, key):
    """axe on the editor's panel (`KEY=`) and on the whole page (`KEY_page=`)."""
    for suffix, context in (("", "#editor"), ("_page", "document")):
        violations = audit(driver, axe, context)
        rules = ",".join(v["id"] for v in violations) or "-"
        nodes = sum(len(v["nodes"]) for v in violations)
        print(f"{key}{suffix}=violations={len(violations)} nodes={nodes} rules={rules}")


def create_by_selection(driver, root, toml):
    """A claim from a selected phrase; returns its id."""
    started = time.monotonic()
    driver.get(root + "/read/id/alpha")
    actors = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "#actors option")]
    check("odni" in actors, f"the claimant's list holds the corpus's actors: {actors}")
    # Offsets count Unicode scalar values, as the server does: after 网络强国 too.
    with open(os.path.join(os.path.dirname(toml), "alpha.txt"), encoding="utf-8") as f:
        text = f.read()
    select(driver, "means a strong cyber nation")
    start = driver.find_element(By.ID, "start").get_attribute("value")
    check(start == str(text.index("means a strong cyber nation")), f"the offset after Han characters: {start}")
    select(driver, "repeated its warning")
    wait_for(lambda: driver.find_element(By.ID, "start").get_attribute("value") == str(text.index("repeated its warning")),
             "the selection's offsets")
    shown = driver.find_element(By.ID, "selection-text").text
    check("repeated its warning" in shown, f"the selection is shown: {shown!r}")
    fill_claim(driver, "The ODNI repeated its warning, in the browser.", "odni")
    saved_at = time.monotonic()
    save(driver)
    status = wait_for(lambda: driver.find_elements(By.ID, "edit-saved"), "a saved notice")
    print(f"claim_seconds={time.monotonic() - started:.2f}")
    print(f"save_seconds={time.monotonic() - saved_at:.2f}")
    # Clicks: the selection (one drag), the three text fields, the perspective, one
    # characterization, Save.
    print("claim_clicks=7")
    link = status[0].find_element(By.TAG_NAME, "a")
    claim_id = link.text
    with open(toml, encoding="utf-8") as f:
        saved = f.read()
    check(f'id = "{claim_id}"' in saved and 'quotes = ["repeated its warning"]' in saved,
          "the file holds the claim and its quote")
    highlights = driver.find_elements(By.CSS_SELECTOR, f"#text [href$='/page/id/{claim_id}']")
    check(len(highlights) > 0, "the new claim is highlighted in the text")
    check("repeated its warning" in "".join(h.text for h in highlights), "the highlight is the phrase")
    highlights[0].click()
    check(driver.current_url.endswith(f"/page/id/{claim_id}"), f"the highlight opens the claim: {driver.current_url}")
    check("in the browser" in driver.page_source, "the claim page shows the paraphrase")
    print(f"claim_id={claim_id}")
    return claim_id


def create_by_keyboard(driver, root, toml):
    """A claim with the keyboard only: a sentence picked from the list, Enter to save."""
    driver.get(root + "/read/id/alpha")
    picker = driver.find_element(By.ID, "sentence")
    picker.send_keys("4")
    wait_for(lambda: driver.find_element(By.ID, "start").get_attribute("value"), "a sentence picked")
    driver.find_element(By.ID, "claimant").send_keys("odni")
    subjects = driver.find_element(By.ID, "subjects")
    subjects.send_keys("china, ")
    offered = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "#subject-ids option")]
    check("china, odni" in offered, f"a second subject is offered after the first: {offered[:3]}")
    subjects.send_keys("odni")
    radio = driver.find_element(By.CSS_SELECTOR, "input[name=perspective][value=western]")
    radio.send_keys(Keys.SPACE)
    label = driver.find_element(By.ID, "label")
    label.send_keys("Typed with the keyboard.", Keys.ENTER)
    wait_for(lambda: driver.find_elements(By.ID, "edit-saved"), "a saved notice after Enter")
    with open(toml, encoding="utf-8") as f:
        saved = f.read()
    check('label = "Typed with the keyboard."' in saved, "the keyboard's claim is in the file")
    check('subjects = ["china", "odni"]' in saved, "with both subjects")
    print("keyboard_claim=saved")


def refuse_bad_claim(driver, root, toml, axe):
    before = sha(toml)
    driver.get(root + "/read/id/alpha")
    select(driver, "The ODNI")
    fill_claim(driver, "Nobody said this.", "nobody-known")
    save(driver)
    error = wait_for(lambda: driver.find_elements(By.ID, "edit-error"), "an error beside the form")[0]
    check("unknown reference `nobody-known`" in error.text, f"the reason is shown: {error.text!r}")
    check(sha(toml) == before, "the file is unchanged")
    check(driver.find_element(By.ID, "label").get_attribute("value") == "Nobody said this.",
          "the entry is kept")
    print(f"refused={error.text.splitlines()[0]}")
    report(driver, axe, "axe_editor_error")


def two_editors(driver, root, toml):
    driver.get(root + "/read/id/alpha")
    first = driver.current_window_handle
    driver.switch_to.new_window("tab")
    second = driver.current_window_handle
    driver.get(root + "/read/id/alpha")
    driver.switch_to.window(first)
    select(driver, "warned in 2021")
    fill_claim(driver, "The first editor's claim.", "odni")
    save(driver)
    wait_for(lambda: driver.find_elements(By.ID, "edit-saved"), "the first editor saved")
    driver.switch_to.window(second)
    select(driver, "a strong cyber nation")
    fill_claim(driver, "The second editor's claim.", "odni")
    save(driver)
    error = wait_for(lambda: driver.find_elements(By.ID, "edit-error"), "the second editor is told")[0]
    check("reload" in error.text, f"the second editor is told to reload: {error.text!r}")
    with open(toml, encoding="utf-8") as f:
        saved = f.read()
    check("The first editor's claim." in saved, "the first editor's claim is kept")
    check("The second editor's claim." not in saved, "the stale save wrote nothing")
    kept = driver.find_element(By.ID, "label").get_attribute("value")
    check(kept == "The second editor's claim.", f"the second editor's entry is kept: {kept!r}")
    print(f"stale={error.text.splitlines()[0]}")


def main(root, toml, axe_path):
    for path in (CHROMIUM, DRIVER):
        if not os.path.exists(path):
            print(f"missing {path} (Debian packages chromium and chromium-driver)")
            sys.exit(3)
    with open(axe_path, encoding="utf-8") as f:
        axe = f.read()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        claim_id = create_by_selection(driver, root, toml)
        driver.get(f"{root}/read/id/alpha?saved=claim&id={claim_id}")
        report(driver, axe, "axe_editor")
        create_by_keyboard(driver, root, toml)
        refuse_bad_claim(driver, root, toml, axe)
        two_editors(driver, root, toml)
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
