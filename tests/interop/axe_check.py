"""axe-core (npm `axe-core`) in headless Chromium on one page of every type `wangluo serve`
makes: the WCAG 2.0/2.1/2.2 A and AA rules, nothing from the network (axe.min.js is read from
disk and injected into each page).

Usage: axe_check.py ROOT AXE_MIN_JS. Prints one line per page type,
`TYPE violations=N nodes=M rules=id,id` (then a line of axe's best practices, which are not
WCAG rules: `TYPE best-practice=N rules=…`), and for each violation a line `  RULE IMPACT SELECTOR`;
exits 0 after auditing every page (the Rust test judges the counts), 1 when a page did not load,
3 when the browser is missing.
"""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# One page of each type: a path, and the element that proves it is the page meant.
PAGES = {
    "home": "/",
    "search": "/search?q=china",
    "claim": "/page/id/odni-sophisticated-cyber-adversary",
    "actor": "/page/id/uscc",
    "concept": "/page/id/wangluo-qiangguo",
    "document": "/page/id/rathor-2024",
    "cited-document": "/page/id/ata-2021",
    "quote": "/page/id/rathor-2024/quote/odni-sophisticated-cyber-adversary/1",
    "reading-view": "/read/id/rathor-2024",
    "ontology": "/page/ontology",
    "query-list": "/query",
    "query-results": "/query?name=adversary-sources",
    "sparql-page": "/sparql?query=SELECT%20%3Fs%20WHERE%20%7B%20%3Fs%20a%20wl%3AClaim%20%7D%20LIMIT%205",
    "not-found": "/page/id/nothing-here",
}


def audit(driver, axe, tags):
    driver.execute_script(axe)
    driver.set_script_timeout(120)
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(function (r) { done(JSON.stringify(r.violations)); })"
        ".catch(function (e) { done(JSON.stringify({error: String(e)})); });",
        tags,
    )


def main(root, axe_path):
    for path in (CHROMIUM, DRIVER):
        if not os.path.exists(path):
            print(f"missing {path} (Debian packages chromium and chromium-driver)")
            sys.exit(3)
    with open(axe_path, encoding="utf-8") as f:
        axe = f.read()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        for kind, path in PAGES.items():
            driver.get(root + path)
            if "wangluo" not in driver.title:
                print(f"FAILED: {path} has the title {driver.title!r}")
                sys.exit(1)
            violations = json.loads(audit(driver, axe, TAGS))
            if isinstance(violations, dict):
                print(f"FAILED: axe on {path}: {violations['error']}")
                sys.exit(1)
            nodes = sum(len(v["nodes"]) for v in violations)
            rules = ",".join(v["id"] for v in violations) or "-"
            print(f"{kind} violations={len(violations)} nodes={nodes} rules={rules}")
            # axe's best practices (landmark-unique, region…) are not WCAG rules: counted apart.
            practices = json.loads(audit(driver, axe, ["best-practice"]))
            if not isinstance(practices, dict):
                names = ",".join(v["id"] for v in practices) or "-"
                print(f"{kind} best-practice={len(practices)} rules={names}")
            for v in violations:
                for node in v["nodes"][:3]:
                    print(f"  {v['id']} {v['impact']} {' '.join(map(str, node['target']))[:160]}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
