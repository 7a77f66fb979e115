"""Loading and validating rule sets: every mistake names the file, the rule and the cause."""

from __future__ import annotations

import pickle
import tomllib
from pathlib import Path

import pytest

from redactor import RuleError, load_rules, redact
from redactor.rules import bundled_rule_sets

MINIMAL = """
name = "mini"
[lists]
town = ["长沙", "天心"]
[[rule]]
id = "n"
category = "number"
regex = '[0-9]+'
examples = ["共[12]家"]
[[rule]]
id = "p"
category = "place"
terms_list = "town"
keep_suffix = ["市"]
"""


def test_bundled_default_is_listed_and_loads():
    assert "zh-report" in bundled_rule_sets()
    rule_set = load_rules()
    assert rule_set.name == "zh-report"
    assert {rule.category for rule in rule_set.rules} >= {"number", "place", "person", "org",
                                                          "self"}


def test_rule_set_is_picklable():
    rule_set = load_rules()
    again = pickle.loads(pickle.dumps(rule_set))
    assert again == rule_set
    assert redact("全省2019年", again).text == "全X XXXX年".replace(" ", "")


def test_minimal_rule_file(rule_file):
    rule_set = load_rules(rule_file(MINIMAL))
    assert [rule.id for rule in rule_set.rules] == ["n", "p"]
    assert redact("长沙市12家", rule_set).text == "XX市XX家"


@pytest.mark.parametrize("text, fragment", [
    ("[[rule]\nid='x'\n", "TOML syntax error"),
    ("[[rule]]\nid='x'\ncategory='foo'\nregex='a'\n", "unknown category 'foo'"),
    ("[[rule]]\nid='x'\ncategory='place'\nregex='(a'\n", "regex does not compile"),
    ("[[rule]]\nid='x'\ncategory='place'\nterms=['a']\nbefore='(b'\n", "regex does not compile"),
    ("[[rule]]\nid='x'\ncategory='place'\nterms=['a']\nnot_after='b)'\n", "does not compile"),
    ("[[rule]]\nid='x'\ncategory='place'\n", "needs exactly one of regex"),
    ("[[rule]]\nid='x'\ncategory='place'\nregex='a'\nterms=['b']\n", "needs exactly one of"),
    ("[[rule]]\nid='x'\ncategory='place'\nregex='a'\ncolour='red'\n", "unknown key 'colour'"),
    ("[[rule]]\nid='x'\ncategory='place'\nregex='{{nowhere}}'\n", "unknown list {{nowhere}}"),
    ("[[rule]]\nid='x'\ncategory='place'\nterms_list='nowhere'\n", "unknown list 'nowhere'"),
    ("[[rule]]\nid='x'\ncategory='place'\nregex='a'\nmask='bold'\n", "unknown mask 'bold'"),
    ("[[rule]]\nid='x'\ncategory='place'\nregex='a'\npriority='high'\n", "'priority' must be"),
    ("[[rule]]\nid='x'\ncategory='place'\nregex='a'\nexamples=['a']\n", "marks no expected"),
    ("[[rule]]\nid='x'\ncategory='place'\nregex='a'\n[[rule]]\nid='x'\ncategory='place'\n"
     "regex='b'\n", "duplicate rule id"),
    ("[[rule]]\ncategory='place'\nregex='a'\n", "needs an 'id'"),
    ("[[rule]]\nid='x'\ncategory='place'\nterms_file='missing.txt'\n", "cannot read list file"),
    ("style = 'loud'\n", "unknown style 'loud'"),
    ("symbol = 'XY'\n", "'symbol' must be a single character"),
    ("colour = 'red'\n", "unknown top-level key 'colour'"),
    ("disable = ['nope']\n", "unknown rule 'nope'"),
    ("extends = 'no-such-set'\n", "no bundled rule set"),
])
def test_bad_rule_files_name_file_rule_and_cause(rule_file, text, fragment):
    path = rule_file(text)
    with pytest.raises(RuleError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert fragment in message
    assert str(path) in message or "no-such-set" in message
    if "id='x'" in text and "TOML" not in fragment and "duplicate" not in fragment:
        assert "rule x" in message


def test_missing_rule_file():
    with pytest.raises(RuleError, match="no such rule file"):
        load_rules("/nonexistent/rules.toml")


def test_circular_extends(rule_file, tmp_path):
    rule_file("extends = 'b.toml'\n", "a.toml")
    rule_file("extends = 'a.toml'\n", "b.toml")
    with pytest.raises(RuleError, match="circular"):
        load_rules(tmp_path / "a.toml")


def test_extends_adds_allow_deny_and_disables(rule_file):
    path = rule_file("""
extends = "zh-report"
[[rule]]
id = "mine.code"
category = "code"
regex = 'ZX-[A-Z]+'
""")
    with pytest.raises(RuleError, match="unknown category 'code'"):
        load_rules(path)
    path = rule_file("""
extends = "zh-report"
name = "mine"
categories = ["code"]
allow = ["长沙"]
disable = ["number.arabic"]
[deny]
person = ["张某某"]
[[rule]]
id = "mine.code"
category = "code"
regex = 'ZX-[A-Z]+'
""")
    rule_set = load_rules(path)
    ids = [rule.id for rule in rule_set.rules]
    assert "number.arabic" not in ids and "mine.code" in ids and "deny.person" in ids
    result = redact("长沙市和株洲市2019年张某某送来ZX-AB", rule_set)
    assert result.text == "长沙市和XX市2019年XX送来XX"
    assert {mask.category for mask in result.masks} == {"place", "person", "code"}


def test_child_rule_can_use_parent_lists(rule_file):
    path = rule_file("""
extends = "zh-report"
[[rule]]
id = "mine.surname-only"
category = "person"
regex = '(?<=记者)(?P<mask>{{surname}}某)'
priority = 90
examples = ["记者[王某]报道"]
""")
    rule_set = load_rules(path)
    assert redact("记者王某报道", rule_set).text == "记者XX报道"


def test_level_can_be_fixed(rule_file):
    path = rule_file('extends = "zh-report"\nlevel = "市"\n')
    result = redact("全省和全市", load_rules(path))
    assert result.text == "全省和全X"
    assert result.level == "市"


#: A rule that finds two-character villages, for the consistency pass to spread.
VILLAGE = """
[[rule]]
id = "village"
category = "place"
regex = '(?P<mask>[\\p{Han}]{2})(?=村)'
"""


def village_rules(rule_file, consistency: str, top: str = ""):
    """A rule set of VILLAGE whose place names spread, with these [consistency] settings."""
    return load_rules(rule_file(top + '[consistency]\ncategories = ["place"]\n'
                                + consistency + VILLAGE))


def test_consistency_masks_other_occurrences_but_not_excluded_words(rule_file):
    rules = village_rules(rule_file, 'exclude = ["前进"]\n')
    result = redact("走访石桥村和前进村。石桥的变化很大，各项工作稳步前进。", rules)
    assert result.text == "走访XX村和XX村。XX的变化很大，各项工作稳步前进。"
    assert [mask.rule_id for mask in result.masks] == ["village", "village", "consistency.place"]


def test_consistency_excludes_the_words_of_several_files(rule_file):
    """Common words in any of the listed files are not spread, though masked where found."""
    rule_file("前进\n", "slogans.txt")
    rule_file("建设\n", "words.txt")
    rules = village_rules(rule_file, 'exclude_file = ["slogans.txt", "words.txt"]\n')
    result = redact("走访建设村、前进村和石桥村。建设前进，石桥变化大。", rules)
    assert result.text == "走访XX村、XX村和XX村。建设前进，XX变化大。"


def test_an_excluded_name_masked_in_the_heading_spreads(rule_file):
    """The heading names the report's own place: there the common word is that place."""
    rules = village_rules(rule_file, 'exclude = ["前进"]\nheading = 10\n')
    assert redact("前进村工作报告\n前进的变化很大，各项工作稳步前进。", rules).text == \
        "XX村工作报告\nXX的变化很大，各项工作稳步XX。"
    # Beyond the heading, the exclusion holds.
    assert redact("本年度的工作报告。\n走访了前进村。前进的变化很大。", rules).text == \
        "本年度的工作报告。\n走访了XX村。前进的变化很大。"


def test_consistency_does_not_spread_before_what_not_after_matches(rule_file):
    rules = village_rules(rule_file, "not_after = '[族语]'\n")
    assert redact("走访朝鲜村。朝鲜族群众学朝鲜语，朝鲜的客人来访。", rules).text == \
        "走访XX村。朝鲜族群众学朝鲜语，XX的客人来访。"


@pytest.mark.parametrize("setting, message", [
    ('not_after = "[族"', "not_after' does not compile"),
    ('heading = "top"', "heading' must be a whole number"),
])
def test_bad_consistency_settings_are_named(rule_file, setting, message):
    with pytest.raises(RuleError, match=message):
        village_rules(rule_file, setting + "\n")


def test_consistency_leaves_allowed_terms_alone(rule_file):
    rules = village_rules(rule_file, "", top='allow = ["石桥路"]\n')
    result = redact("走访石桥村。石桥的变化很大，石桥路拓宽了。", rules)
    assert result.text == "走访XX村。XX的变化很大，石桥路拓宽了。"


def test_a_guess_spreads_when_a_spreading_rule_found_the_same_name(rule_file):
    rules = """
[consistency]
categories = ["person"]
[[rule]]
id = "guess"
category = "person"
regex = '(?P<mask>[\\p{Han}]{3})(?=同志)'
spread = false
priority = 60
[[rule]]
id = "titled"
category = "person"
regex = '(?<=主任)(?P<mask>[\\p{Han}]{3})(?=同志)'
"""
    text = "主任王振华同志讲话。会后王振华与代表座谈。"
    assert redact(text, load_rules(rule_file(rules))).text == "主任XX同志讲话。会后XX与代表座谈。"
    alone = rules.split("[[rule]]\nid = \"titled\"")[0]
    assert redact(text, load_rules(rule_file(alone, "alone.toml"))).text == \
        "主任XX同志讲话。会后王振华与代表座谈。"


def test_not_ending_in_drops_spans_where_a_listed_term_ends(rule_file):
    path = rule_file("""
[lists]
city = ["长沙市", "沙市"]
[[rule]]
id = "self"
category = "self"
regex = '(?P<mask>市)(?=委)'
not_ending_in = ["city"]
examples = ["本[市]委", "长沙县[市]委"]
counter_examples = ["长沙市委", "荆州沙市委"]
""")
    assert redact("长沙市委和本市委", load_rules(path)).text == "长沙市委和本X委"


def test_not_in_drops_spans_that_are_listed_terms(rule_file):
    path = rule_file("""
[lists]
county = ["建华", "永福"]
[[rule]]
id = "people"
category = "person"
regex = '(?P<mask>\\p{Han}{2,3})(?:、(?P<mask>\\p{Han}{2,3}))+(?=等)'
not_in = ["county"]
examples = ["[任建华]、[黑永福]等"]
""")
    rules = load_rules(path)
    assert redact("任建华、黑永福等", rules).text == "XX、XX等"
    assert redact("建华、永福等", rules).text == "建华、永福等"
    assert redact("建华、黑永福等", rules).text == "建华、XX等"


def test_not_ending_in_must_name_term_lists(rule_file):
    path = rule_file("""
[lists]
city = { regex = '[\\p{Han}]市' }
[[rule]]
id = "self"
category = "self"
regex = '市'
not_ending_in = ["city"]
""")
    with pytest.raises(RuleError, match=r"rule self: 'not_ending_in' names 'city'"):
        load_rules(path)


def test_list_options_first_char_and_lengths(rule_file):
    path = rule_file("""
[lists]
initial = { terms = ["长沙", "成都", "重庆"], first_char = true }
short = { terms = ["长沙", "长沙市"], max_length = 2 }
[[rule]]
id = "pair"
category = "place"
regex = '{{initial}}{2}(?=地区)'
[[rule]]
id = "short"
category = "place"
terms_list = "short"
""")
    rule_set = load_rules(path)
    assert redact("成重地区和长沙市", rule_set).text == "XX地区和XX市"


def test_list_from_several_files_kept_by_first_character(rule_file):
    rule_file("长沙\n湖州\n", "towns.txt")
    rule_file("江北\n洞庭\n", "regions.txt")
    path = rule_file("""
[lists]
head_place = { file = ["towns.txt", "regions.txt"], starting_with = "江湖" }
[[rule]]
id = "lake"
category = "place"
regex = '洞庭(?!{{head_place}})湖'
""")
    rule_set = load_rules(path)
    assert dict(rule_set.list_terms)["head_place"] == ("湖州", "江北")
    assert redact("洞庭湖区和洞庭湖州", rule_set).text == "XX区和洞庭湖州"


@pytest.mark.parametrize("spec, message", [
    ('{ terms = ["长沙"], first_chars = true }', "unknown key 'first_chars'"),
    ('{ terms = ["长沙"], starting_with = 3 }', "starting_with must be a string"),
])
def test_bad_list_tables_are_named(rule_file, spec, message):
    path = rule_file(f"[lists]\ntown = {spec}\n")
    with pytest.raises(RuleError, match=f"lists.town: {message}"):
        load_rules(path)


def test_regex_list_and_backward_list(rule_file):
    path = rule_file("""
[lists]
place = ["云南", "长沙"]
word = { regex = '{{place}}(?:省|市)' }
[[rule]]
id = "self"
category = "self"
regex = '(?P<mask>省)(?<!{{<place}}省)(?=委)'
""")
    rule_set = load_rules(path)
    assert redact("省委和云南省委", rule_set).text == "X委和云南省委"


def test_anchored_rule_finds_the_same_as_a_plain_one(rule_file):
    body = """
[[rule]]
id = "town"
category = "place"
regex = '(?P<mask>[\\p{Han}]{2})(?=镇)'
"""
    plain = load_rules(rule_file(body, "plain.toml"))
    anchored = load_rules(rule_file(body + "anchor = ['镇']\nwindow = 2\n", "anchored.toml"))
    text = "城关镇、石门镇和白沙镇的干部在城关镇开会。"
    assert redact(text, plain).text == redact(text, anchored).text == \
        "XX镇、XX镇和XX镇的干部在XX镇开会。"


@pytest.mark.parametrize("regex_body", [
    "[\\p{Han}]{2}(?=镇)",  # the whole match is the span
    "(?P<mask>[\\p{Han}]{2})(?=镇)",  # the mask group is
])
def test_anchored_rule_spans_start_at_the_match_not_at_the_window(rule_file, regex_body):
    body = f"""
[[rule]]
id = "town"
category = "place"
regex = '{regex_body}'
anchor = ['镇']
window = 6
"""
    rule_set = load_rules(rule_file(body, "anchored.toml"))
    masks = redact("前面的文字城关镇后面", rule_set).masks
    assert [(mask.start, mask.end, mask.original) for mask in masks] == [(5, 7, "城关")]


def test_anchor_in_context_keeps_only_its_occurrences_in_that_context(rule_file):
    body = """
[lists]
head = ["镇", "村"]

[[rule]]
id = "town"
category = "place"
regex = '(?P<mask>[\\p{Han}]{2})(?=镇|村)'
anchor = { terms = '{{head}}', not_before = '农|乡', after = '[，。]' }
window = 2
"""
    rule_set = load_rules(rule_file(body, "anchored.toml"))
    masks = redact("城关镇，新农村。石门村开会", rule_set).masks
    assert [mask.original for mask in masks] == ["城关"]


@pytest.mark.parametrize("anchor", ["{ after = '镇' }", "{ terms = ['镇'], near = '镇' }"])
def test_anchor_table_errors_name_the_rule(rule_file, anchor):
    body = f"""
[[rule]]
id = "town"
category = "place"
regex = '[\\p{{Han}}]{{2}}(?=镇)'
anchor = {anchor}
"""
    with pytest.raises(RuleError, match="rule town: an 'anchor' table"):
        load_rules(rule_file(body, "bad.toml"))


def test_term_rule_with_context_falls_back_to_a_shorter_term_that_fits(rule_file):
    body = """
[[rule]]
id = "town"
category = "place"
terms = ["石门", "石门镇"]
after = '口'
"""
    rule_set = load_rules(rule_file(body, "terms.toml"))
    masks = redact("石门口和石门镇口，石门镇长", rule_set).masks
    assert [mask.original for mask in masks] == ["石门", "石门镇"]


def test_the_rule_format_readme_example_loads_and_its_examples_hold(tmp_path):
    from pathlib import Path

    from redactor.examples import check_rule_set

    readme = (Path(__file__).resolve().parent.parent / "rules" / "README.md").read_text(
        encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "mine.toml"
    path.write_text(example, encoding="utf-8")
    rule_set = load_rules(path)
    assert check_rule_set(rule_set) == []
    result = redact("张三丰在桃花岛审理（2019）湘0102刑初123号案", rule_set)
    assert result.text == "XX在XX审理XX案"
    assert "org.facility" not in {rule.id for rule in rule_set.rules}


def test_lists_inside_a_lookbehind_get_the_backward_trie():
    from redactor.patterns import expand_macros

    lists = {"town": "FORWARD", "<town": "BACKWARD"}
    expanded, unknown = expand_macros(
        r"(?<=a{{town}}(?={{town}})[(]{{town}})\({{town}}(?<!{{<town}})", lists)
    assert unknown == []
    assert expanded == (r"(?<=a(?:BACKWARD)(?=(?:FORWARD))[(](?:BACKWARD))\((?:FORWARD)"
                        r"(?<!(?:BACKWARD))")


def test_the_default_rule_sets_inline_lists_hold_each_term_once():
    """A term listed twice is harmless to matching but a sign of a list edited blind."""
    path = Path(__file__).parent.parent / "rules" / "zh-report.toml"
    lists = tomllib.loads(path.read_text(encoding="utf-8"))["lists"]
    repeated = {name: sorted({term for term in terms if terms.count(term) > 1})
                for name, terms in lists.items() if isinstance(terms, list)}
    assert not {name: terms for name, terms in repeated.items() if terms}
