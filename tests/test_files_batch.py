"""Many files: directory mirroring, --jobs, jsonl, failures, refusals; the library API."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from _files_support import REPORT, SECRETS, TEMPLATE, write_rules
from redactor import FileResult, FileTask, Template, load_rules, redact, redact_file, redact_many
from redactor.cli import main
from redactor.errors import InputError
from redactor.files import redact_partition


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def tree(tmp_path):
    source = tmp_path / "in"
    (source / "sub" / "deep").mkdir(parents=True)
    (source / "a.txt").write_text(REPORT, encoding="utf-8")
    (source / "sub" / "b.md").write_bytes(REPORT.encode("gb18030"))
    (source / "sub" / "deep" / "c.txt").write_bytes(REPORT.replace("\n", "\r\n")
                                                     .encode("utf-16"))
    (source / "sub" / "bad.txt").write_bytes(b"\x80\x80\xff\xfe")
    (source / "scan.pdf").write_bytes(b"%PDF-1.4")
    (source / "picture.png").write_bytes(b"\x89PNG")
    (source / "loop.txt").symlink_to("loop.txt")
    (source / "sub" / "back").symlink_to(source)
    return tmp_path, source, write_rules(tmp_path)


def test_directory_batch_mirrors_the_tree_with_two_jobs(tree):
    folder, source, rules = tree
    out = folder / "out"
    result = run("redact", str(source), "-o", str(out), "--rules", rules, "--jobs", "2")
    assert result.exit_code == 1  # bad.txt, scan.pdf, loop.txt failed; the rest is done
    assert (out / "a.txt").read_text(encoding="utf-8") == TEMPLATE
    assert (out / "sub" / "b.md").read_bytes() == TEMPLATE.encode("gb18030")
    assert (out / "sub" / "deep" / "c.txt").read_bytes() == \
        TEMPLATE.replace("\n", "\r\n").encode("utf-16")
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["a.txt", "sub/b.md", "sub/deep/c.txt"]
    output = result.output
    assert "3 of 6 files redacted" in output and "3 failed" in output
    assert "person 3" in output and "not followed" in output
    assert "bad.txt: cannot be decoded" in output and "scan.pdf: is a PDF" in output
    assert "loop.txt: is a symbolic link that loops" in output
    # Again without --force: nothing is overwritten; with it, everything good is.
    (out / "a.txt").write_text("keep", encoding="utf-8")
    again = run("redact", str(source), "-o", str(out), "--rules", rules, "-q")
    assert again.exit_code == 1 and "already exists" in again.output
    assert (out / "a.txt").read_text(encoding="utf-8") == "keep"
    assert "redacted" not in again.output  # --quiet: no summary, but the errors
    forced = run("redact", str(source), "-o", str(out), "--rules", rules, "--force")
    assert (out / "a.txt").read_text(encoding="utf-8") == TEMPLATE
    assert forced.exit_code == 1
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_jsonl_records_without_writing_files(tree):
    folder, source, rules = tree
    result = CliRunner().invoke(main, ["redact", str(source), "--format", "jsonl", "-q",
                                       "--rules", rules, "-j", "2"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_path = {Path(r["path"]).name: r for r in records}
    assert set(by_path) == {"a.txt", "b.md", "c.txt", "bad.txt", "scan.pdf", "loop.txt"}
    good = by_path["b.md"]
    assert good["status"] == "ok" and good["encoding"] == "gb18030"
    assert good["text"] == TEMPLATE and good["output"] is None
    assert good["counts"] == {"number": 2, "self": 1, "place": 3, "person": 1}
    assert {m["original"] for m in good["masks"]} >= {"周农", "2019", "长沙"}
    assert by_path["bad.txt"]["status"] == "failed" and "tried" in by_path["bad.txt"]["error"]
    assert sorted(p.name for p in folder.iterdir()) == ["in", "mini-rules.toml"]


def test_output_inside_input_is_refused(tree):
    folder, source, rules = tree
    result = run("redact", str(source), "-o", str(source / "sub" / "out"), "--rules", rules)
    assert result.exit_code == 2 and "inside the input folder" in result.output
    assert not (source / "sub" / "out").exists()
    result = run("redact", str(source), "-o", str(source), "--rules", rules)
    assert result.exit_code == 2


def test_several_files_and_name_collisions(tmp_path):
    rules = write_rules(tmp_path)
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "r.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    result = run("redact", str(tmp_path / "x" / "r.txt"), str(tmp_path / "y" / "r.txt"),
                 "-o", str(out), "--rules", rules)
    assert result.exit_code == 2 and "both be written" in result.output
    result = run("redact", str(tmp_path / "x"), str(tmp_path / "y"), "-o", str(out),
                 "--rules", rules)
    assert result.exit_code == 0, result.output
    assert (out / "x" / "r.txt").read_text(encoding="utf-8") == TEMPLATE
    assert (out / "y" / "r.txt").read_text(encoding="utf-8") == TEMPLATE
    result = run("redact", str(tmp_path / "x"), "--rules", rules)
    assert result.exit_code == 2 and "-o OUTDIR" in result.output


def test_library_redact_file_and_redact_many(tmp_path):
    rules = load_rules(write_rules(tmp_path))
    source = tmp_path / "r.txt"
    source.write_bytes(REPORT.encode("gb18030"))
    result = redact_file(source, rules=rules)
    assert isinstance(result, FileResult) and result.ok
    assert result.text == TEMPLATE and result.encoding == "gb18030"
    target = tmp_path / "t.txt"
    assert redact_file(source, target, rules).output == str(target)
    with pytest.raises(InputError, match="already exists"):
        redact_file(source, target, rules)
    with pytest.raises(InputError, match="no such file"):
        redact_file(tmp_path / "gone.txt", rules=rules)

    texts = [REPORT.replace("2019", str(year)) for year in range(2000, 2040)]
    expected = [redact(text, rules).text for text in texts]
    parallel = list(redact_many(texts, rules, jobs=2))
    assert all(isinstance(t, Template) for t in parallel)
    assert [t.text for t in parallel] == expected
    files = list(redact_many([source, tmp_path / "vanished.txt",
                              FileTask(str(source), str(tmp_path / "u.txt"))], rules, jobs=2))
    assert [r.status for r in files] == ["ok", "failed", "ok"]
    assert "vanished.txt: no such file" in files[1].error
    assert (tmp_path / "u.txt").read_bytes() == TEMPLATE.encode("gb18030")
    with pytest.raises(TypeError):
        list(redact_many([42], rules))


def test_redact_partition_loads_named_rules_once(tmp_path):
    path = write_rules(tmp_path)
    templates = redact_partition([REPORT, REPORT], path)
    assert [t.text for t in templates] == [TEMPLATE, TEMPLATE]


def test_dask_bag_map_partitions(tmp_path):
    bag = pytest.importorskip("dask.bag")
    path = write_rules(tmp_path)
    texts = [REPORT.replace("周农", name) for name in ("周农", "许显辉", "高德文")] * 4

    def partition(items):
        return [template.text for template in redact_partition(items, path)]

    out = bag.from_sequence(texts, npartitions=3).map_partitions(partition).compute(
        scheduler="processes", num_workers=2)
    assert len(out) == len(texts)
    assert not any(SECRETS.search(text) for text in out)


def test_unreadable_file_in_a_directory(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    rules = write_rules(tmp_path)
    source = tmp_path / "in"
    source.mkdir()
    (source / "ok.txt").write_text(REPORT, encoding="utf-8")
    locked = source / "locked.txt"
    locked.write_text(REPORT, encoding="utf-8")
    locked.chmod(0)
    result = run("redact", str(source), "-o", str(tmp_path / "out"), "--rules", rules)
    assert result.exit_code == 1 and "locked.txt: permission denied" in result.output
