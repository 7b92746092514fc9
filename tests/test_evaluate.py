"""The scoring rule: content overlap of the shorter content, sources overlapping, one-to-one."""

from pathlib import Path

from saidwhat.evaluate import Report, match, read_brat, relation

TEXT = "Alice said that the bridge would close. “It is unsafe,” Bob said."
#       0    5    10   15   20   25   30   35   40   45   50   55   60


def rel(content, source=None, cue=None):
    return relation(TEXT, [content], [source] if source else None, [cue] if cue else None)


GOLD = [rel((11, 38), (0, 5), (6, 10)), rel((39, 54), (55, 58), (59, 63))]


def test_overlap_of_the_shorter_content_and_source_overlap():
    pred = [rel((16, 38), (0, 5)), rel((39, 54), (55, 58))]
    assert sorted(match(GOLD, pred)) == [(0, 0), (1, 1)]


def test_source_must_overlap_or_both_be_missing():
    assert match(GOLD, [rel((11, 38), (55, 58))]) == []
    assert match(GOLD, [rel((11, 38))]) == []
    assert match([rel((11, 38))], [rel((11, 38))]) == [(0, 0)]


def test_strict_needs_half_of_the_longer_content():
    short = [rel((30, 38), (0, 5))]  # "would close" inside the gold content
    assert match(GOLD, short) == [(0, 0)]
    assert match(GOLD, short, strict=True) == []


def test_matching_is_one_to_one():
    pred = [rel((11, 38), (0, 5)), rel((11, 38), (0, 5))]
    assert len(match(GOLD, pred)) == 1


def test_report_splits_direct_and_indirect():
    report = Report()
    report.add_document(TEXT, GOLD, [rel((11, 38), (0, 5), (6, 10))])
    assert report.attributions["all"].recall == 0.5
    assert report.attributions["indirect"].recall == 1.0
    assert report.attributions["direct"].recall == 0.0
    assert report.attributions["all"].precision == 1.0
    assert report.spans["cue (exact)"].tp_gold == 1


def test_read_brat_discontinuous_and_multiline(tmp_path: Path):
    ann = tmp_path / "doc_x.ann"
    ann.write_text(
        "T1\tSource 0 5\tAlice\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 38\tthat the b ould close\n"
        "T4\tDiscard 0 1\tA\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
        encoding="utf-8",
    )
    (r,) = read_brat(ann, TEXT)
    assert r.content_spans == ((11, 20), (25, 38))
    assert r.source_spans == ((0, 5),)
    assert not r.direct
