"""The eval command: figures on the dev set, and one-line errors for bad input."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.config import load_catalogue
from monitor.errors import InputError
from monitor.cli import main
from monitor.evaluate import evaluate, format_eval, read_labelled
from monitor.match import Matcher

ROOT = Path(__file__).resolve().parent.parent
# the maintainers' dev set, beside the checkout (../shared) or beside the folder of worktrees
DEV = next((p / "shared" / "eval" / "dev.jsonl" for p in ROOT.parents if (p / "shared" / "eval" / "dev.jsonl").exists()),
           ROOT.parent / "shared" / "eval" / "dev.jsonl")


@pytest.fixture(scope="module")
def dev_result(tmp_path_factory):
    if not DEV.exists():
        pytest.skip("the dev set is not available here")
    matcher = Matcher.compile(load_catalogue(ROOT / "config" / "catalogue"))
    return evaluate(matcher, read_labelled(DEV))


def test_dev_precision_target(dev_result):
    assert dev_result.overall.precision >= 0.97, format_eval(dev_result)


def test_dev_recall_and_language_targets(dev_result):
    assert dev_result.overall.recall >= 0.95, format_eval(dev_result)
    assert all(score.f1 >= 0.90 for score in dev_result.by_language.values()), format_eval(dev_result)


PROBE = ROOT / "tests" / "data" / "probe.jsonl"


def test_probe_figures(matcher):
    """The held-out probe (partnerships dev.jsonl never labels, other writing): the figures reached,
    less a margin, so a change that loses generality shows here."""
    result = evaluate(matcher, read_labelled(PROBE))
    assert result.overall.precision >= 0.975, format_eval(result)
    assert result.overall.recall >= 0.975, format_eval(result)
    assert all(score.f1 >= 0.95 for score in result.by_language.values()), format_eval(result)


REALNEWS = ROOT / "tests" / "data" / "realnews.jsonl"


def test_realnews_figures(matcher):
    """Items written after reading real regional news (lists of states and twins, routes, several
    signed pairs in one sentence, organisations by acronym and other-language names, everyday
    news): the figures reached, less a margin. First contact was P 0.623, R 0.817."""
    items = read_labelled(REALNEWS)
    result = evaluate(matcher, items)
    assert result.overall.precision >= 0.92, format_eval(result)
    assert result.overall.recall >= 0.86, format_eval(result)
    assert result.by_party["organisations"].f1 >= 0.85, format_eval(result)
    # everyday regional news (sport, roads, schools, weather) raises no partnership
    everyday = [item for item, raw in zip(items, _kinds(REALNEWS)) if raw == "negative"]
    assert len(everyday) >= 30
    assert not [item.article.id for item in everyday if matcher.match(item.article)]


FRESH = ROOT / "tests" / "data" / "fresh.jsonl"


def test_fresh_figures(matcher):
    """A second real-news probe, written after reading other outlets and measured once before any
    change to the matcher (first contact P 0.929, R 0.915; tests/data/fresh_first_contact.txt): the
    matcher was never tuned on it, so these floors (first contact less 0.03) catch a change that
    loses generality."""
    items = read_labelled(FRESH)
    result = evaluate(matcher, items)
    assert result.overall.precision >= 0.899, format_eval(result)
    assert result.overall.recall >= 0.885, format_eval(result)
    # everyday regional news raised no partnership at first contact
    everyday = [item for item, raw in zip(items, _kinds(FRESH)) if raw == "negative"]
    assert len(everyday) >= 25
    assert not [item.article.id for item in everyday if matcher.match(item.article)]


# Later probes, each written by another hand without reading the matcher and measured once
# before any change (tests/data/<name>_first_contact.txt). Each row: the file, floors for
# precision and recall at first contact less 0.03, the least number of everyday items it holds,
# and how many of those may still raise a partnership.
LATER_PROBES = [
    # partner-side outlets, district papers, agency wires, everyday news and the traps:
    # first contact P 0.881, R 0.937
    ("fresh2", 0.851, 0.907, 50, 0),
    # four languages: P 0.935, R 0.915
    ("fresh3", 0.905, 0.885, 50, 0),
    # a quarter Belarusian, a fifth each English and Ukrainian, 22 positives naming a state: P 0.931,
    # R 0.859; at first contact a hockey report (минчане "opened the score") raised a pair
    ("fresh4", 0.901, 0.829, 100, 0),
    # 150 everyday items with partner places side by side: P 0.905, R 0.985, 5 everyday false
    # alarms; 2 are left (a touring theatre, a cancelled internship)
    ("fresh5", 0.875, 0.955, 150, 2),
    # as partner-side outlets write: P 0.979, R 0.979; tourists from two states raised a pair
    ("fresh6", 0.949, 0.949, 100, 0),
    # written last: P 0.985, R 0.941; a city's orchestra at a festival raised a pair
    ("fresh7", 0.955, 0.911, 90, 0),
    # district papers and everyday district news: P 0.855, R 0.913, 8 of 91 everyday items raised
    # a pair; 5 are left (a school trip, a team's away game, a dealer's machinery, a diver who
    # served in a partner town, apples "from near" one)
    ("fresh8", 0.825, 0.883, 90, 5),
    # agency English, Ukrainian and partner-side outlets: P 0.880, R 0.913, 2 of 90 everyday items;
    # 1 is left (a festival's line-up of cities)
    ("fresh9", 0.850, 0.883, 90, 1),
    # written after this session's fixes for fresh8 and fresh9, as an oblast outlet's week: P 0.978,
    # R 0.863, no everyday item raised a pair
    ("fresh10", 0.948, 0.833, 90, 0),
    # partner-side towns and districts: P 0.914, R 0.914; one everyday item (tourist statistics
    # naming two states: "groups" was a relation word) raised a pair, none now
    ("fresh11", 0.884, 0.884, 90, 0),
    # an aggregator's mix, written last: P 0.953, R 0.887, no everyday item raised a pair
    ("fresh12", 0.923, 0.857, 90, 0),
    # what an editor would check, written at the session's end: P 0.936, R 0.851; one everyday
    # item (a Conference League match) raised a pair, none now
    ("fresh13", 0.906, 0.821, 100, 0),
    # the partner side's press services and papers: P 0.947, R 0.899; two everyday items (a touring
    # theatre, a Minsk shop chain's new store) raised a pair, none now
    ("fresh14", 0.917, 0.869, 90, 0),
    # organisations as people write them: P 0.926, R 0.600 (descriptive names the catalogue does
    # not hold); one everyday item (a director who once worked in a partner town) raised a pair,
    # none now
    ("fresh15", 0.896, 0.570, 90, 0),
    # Central Asia, the Caucasus and Moldova: P 0.952, R 0.952, no everyday item raised a pair
    ("fresh16", 0.922, 0.922, 89, 0),
    # written after this session's first fixes, measured on them. Everyday district news: P 0.940,
    # R 0.951; three of 104 everyday items raised a pair (a family resettled, a trader at a fair,
    # a weather comparison), none now
    ("fresh17", 0.910, 0.921, 100, 0),
    # state and organisation level as agencies write it: P 0.922, R 0.735 (foreign bodies by
    # descriptive or translated names); no everyday item raised a pair
    ("fresh18", 0.892, 0.705, 88, 0),
    # a week of every kind of source, written and measured once after most of this session's
    # fixes: P 0.941, R 0.932; no everyday item raised a pair
    ("fresh19", 0.911, 0.902, 90, 0),
    # written against the matcher a later session started with. Everyday news where false alarms
    # hide: P 0.881, R 0.881; none of 125 everyday items raised a pair
    ("fresh20", 0.851, 0.851, 125, 0),
    # long press releases, organisations and states: P 0.876, R 0.957; two of 60 everyday items
    # raised a pair (a hockey tournament's teams, a fortress's visitors), none now
    ("fresh21", 0.846, 0.927, 60, 0),
    # written after this session's first fixes, measured on them. Towns and districts as their own
    # papers write: P 0.891, R 0.961; one of 88 everyday items (tourists from three cities at a
    # festival) raised a pair, none now
    ("fresh22", 0.861, 0.931, 88, 0),
    # modelled closely on real items read first, as a feed carries them: P 0.960, R 0.970; none of
    # 86 everyday items raised a pair
    ("fresh23", 0.930, 0.940, 86, 0),
    # written after most of this session's fixes, measured on them. Belarusian and Ukrainian news:
    # P 0.948, R 0.893; one of 85 everyday items (contraband seized) raised a pair, none now
    ("fresh24", 0.918, 0.863, 85, 0),
    # plain coverage as press offices write it, 175 partnerships: P 0.988, R 0.954; none of 40
    # everyday items raised a pair
    ("fresh25", 0.958, 0.924, 40, 0),
    # a week of every kind of source, written last: P 0.960, R 0.960; none of 90 everyday items
    # raised a pair
    ("fresh26", 0.930, 0.930, 90, 0),
    # written at the session's end, measured on its last fixes. Organisations and states as news
    # names them: P 0.936, R 0.888; one of 81 everyday items (veterans from three towns at a
    # plant's reunion) raised a pair, none now
    ("fresh27", 0.906, 0.858, 81, 0),
    # a month of an oblast newsroom's feeds (Vitebsk and Mogilev): P 0.989, R 0.907; none of 95
    # everyday items raised a pair
    ("fresh28", 0.959, 0.877, 95, 0),
    # the seventh session's five, written at its start and measured on its first commit. Partner-side
    # outlets: P 0.985, R 0.971; none of 77 everyday items raised a pair
    ("fresh29", 0.955, 0.941, 77, 0),
    # Belarusian district papers, half in Belarusian: P 0.984, R 0.947; none of 74
    ("fresh30", 0.954, 0.917, 74, 0),
    # organisations and states, mostly English and Ukrainian: P 0.931, R 0.950; none of 74
    ("fresh31", 0.901, 0.920, 74, 0),
    # the known hard cases written naturally: P 0.945, R 0.932; none of 65
    ("fresh32", 0.915, 0.902, 65, 0),
    # each item modelled on a real one read first: P 0.976, R 0.918 (one label corrected by its
    # author afterwards: 0.984, 0.919); none of 69
    ("fresh33", 0.946, 0.888, 69, 0),
    # five more, written after this session's first fixes and measured on them (157370d). Everyday
    # news where false alarms hide: P 0.919, R 0.993; four of 76 everyday items raised a pair (a
    # surgeon's profile, an exhibitors' list, a flight schedule, stolen cars sold across the border)
    ("fresh34", 0.889, 0.963, 76, 3),
    # organisations as people write them: P 0.918, R 0.951; none of 73
    ("fresh35", 0.888, 0.921, 73, 0),
    # an agency wire, forums and commissions: P 0.953, R 0.953; none of 72
    ("fresh36", 0.923, 0.923, 72, 0),
    # municipal twins and districts, partner-side: P 0.977, R 0.956; none of 77
    ("fresh37", 0.947, 0.926, 77, 0),
    # modelled on real items, second pass: P 0.966, R 0.934; none of 64
    ("fresh38", 0.936, 0.904, 64, 0),
    # four more, written after most of this session's fixes and measured on them (f89d35f). A week
    # of every kind of source: P 0.964, R 0.938; none of 75 everyday items raised a pair
    ("fresh39", 0.934, 0.908, 75, 0),
    # Brest, Grodno, Minsk and Gomel oblast outlets: P 1.000, R 1.000; none of 72
    ("fresh40", 0.970, 0.970, 72, 0),
    # English wire and partner agencies' English: P 0.971, R 0.950; none of 73
    ("fresh41", 0.941, 0.920, 73, 0),
    # everyday news of all kinds, a second pass, and coverage: P 0.960, R 0.876; none of 77
    ("fresh42", 0.930, 0.846, 77, 0),
    # three more, written late and measured on e74bc15 (all but the session's last two fixes), in a
    # shorter time, so thinner than asked (fewer long articles and other languages). Titles and
    # one-line leads: P 0.982, R 0.926; none of 61 everyday items raised a pair
    ("fresh43", 0.952, 0.896, 61, 0),
    # the Vitebsk, Mogilev and Gomel borderlands: P 0.992, R 0.968; none of 52
    ("fresh44", 0.962, 0.938, 52, 0),
    # Central Asia, the Caucasus and Moldova: P 0.966, R 0.991 (one label corrected by its author
    # afterwards: 0.974, 0.991); none of 63
    ("fresh45", 0.936, 0.961, 63, 0),
    # eighth session: four probes written at its start and measured on the previous session's last
    # commit (607d4e9). Ukrainian and Belarusian, ended partnerships: P 1.000, R 0.918; none of 74
    ("fresh46", 0.970, 0.888, 74, 0),
    # long articles, the partnership deep in the text: P 0.970, R 0.924; none of 50
    ("fresh47", 0.940, 0.894, 50, 0),
    # everyday news, a third pass: P 0.943, R 0.965; four of 104 everyday items raised a pair (a fair's
    # honey from Bryansk, pilgrims from Kursk, a hockey transfer, a circus on tour)
    ("fresh48", 0.913, 0.935, 104, 4),
    # the Russian partner side: P 0.970, R 0.956; none of 68
    ("fresh49", 0.940, 0.926, 68, 0),
    # three more, written after the session's first fixes and measured on them (7dc9ac6). Academic
    # and science partnerships: P 0.973, R 0.880; none of 63 everyday items raised a pair
    ("fresh50", 0.943, 0.850, 63, 0),
    # media, culture and civil life: P 0.977, R 0.921 (one label corrected by its author
    # afterwards: 0.977, 0.928); none of 68
    ("fresh51", 0.947, 0.891, 68, 0),
    # modelled on real items, a third pass, written short: P 0.991, R 1.000; none of 56
    ("fresh52", 0.961, 0.970, 56, 0),
    # three more, measured on 8ad4a14 (after two rounds of this session's fixes). A week of the
    # Grodno and Brest oblast newsrooms' feeds: P 0.981, R 0.930; none of 58 everyday items
    ("fresh53", 0.951, 0.900, 58, 0),
    # English news wires: P 0.983, R 0.983; none of 56
    ("fresh54", 0.953, 0.953, 56, 0),
    # digests, roundups and listings: P 0.979, R 0.959; none of 52
    ("fresh55", 0.949, 0.929, 52, 0),
    # the last three, measured on 0096f89 (after four rounds of this session's fixes). A month of a
    # Vitebsk and Mogilev feed, long form: P 0.953, R 0.968; one of 64 everyday items raised a pair
    # (tourists from Minsk, Moscow and St Petersburg at a fortress)
    ("fresh56", 0.923, 0.938, 64, 1),
    # Central Asian and Caucasian agencies in Russian: P 0.960, R 0.929; none of 67
    ("fresh57", 0.930, 0.899, 67, 0),
    # hard negatives and near misses: P 1.000, R 0.930; none of 65
    ("fresh58", 0.970, 0.900, 65, 0),
    # the session's final wave, measured on 7926ee7 (all its rules). A week of every kind of source,
    # all four languages: P 0.973, R 0.956; none of 65 everyday items
    ("fresh59", 0.943, 0.926, 65, 0),
    # the Belarusian-language press: P 0.984, R 0.954 (one label corrected by its author
    # afterwards: 0.984, 0.962); none of 81
    ("fresh60", 0.954, 0.924, 81, 0),
    # organisations in press releases and trade news: P 0.983, R 0.967 (one label corrected by its
    # author afterwards: 0.992, 0.968); none of 55
    ("fresh61", 0.953, 0.937, 55, 0),
    # the ninth session's wave, measured on 1148f3e before any change. The partner side in
    # Ukrainian and from Moldova, Armenia and Georgia: P 0.973, R 0.909; none of 49
    ("fresh62", 0.943, 0.879, 49, 0),
    # Russian regional outlets on their ties with Belarus: P 0.981, R 0.954; none of 58
    ("fresh63", 0.951, 0.924, 58, 0),
    # Belarusian district papers, titles and one-line leads: P 0.991, R 0.930; none of 58
    ("fresh64", 0.961, 0.900, 58, 0),
    # English-language wires and sites: P 0.954, R 1.000 (one label corrected by its author
    # afterwards: 0.962, 1.000); none of 59
    ("fresh65", 0.932, 0.970, 59, 0),
    # the session's second wave, measured on 52354e4 (its first rules). Central Asian agencies:
    # P 0.983, R 0.975; none of 56
    ("fresh66", 0.953, 0.945, 56, 0),
    # oblast executive committees' sites and BelTA, long official reports: P 0.961, R 0.984; none of 53
    ("fresh67", 0.931, 0.954, 53, 0),
    # mostly everyday news naming partner places side by side: P 0.962, R 0.962; none of 73
    ("fresh68", 0.932, 0.932, 73, 0),
    # organisations by the names people use: P 0.971, R 0.952; none of 53
    ("fresh69", 0.941, 0.922, 53, 0),
    # the session's third wave, measured on 7a2f1d9. Ukrainian-language regional news: P 0.972,
    # R 0.981; none of 57
    ("fresh70", 0.942, 0.951, 57, 0),
    # the Belarusian-language press: P 0.985, R 0.950; none of 54
    ("fresh71", 0.955, 0.920, 54, 0),
    # the municipal level on both sides: P 0.972, R 0.945 (after its author corrected one label;
    # first run R 0.937); 1 of 58 (a digest naming a stage director from Tula)
    ("fresh72", 0.942, 0.915, 58, 1),
    # feed noise: digests, datelines, press releases: P 0.975, R 0.959; none of 55
    ("fresh73", 0.945, 0.929, 55, 0),
    # a fourth wave, measured on 2ba7b85 (the session's rules up to then). A representative
    # week of every source: P 0.982, R 0.940; none of 60
    ("fresh74", 0.952, 0.910, 60, 0),
    # the Russian border regions' everyday news: P 1.000, R 0.965; none of 59
    ("fresh75", 0.970, 0.935, 59, 0),
    # the state level and state organisations: P 0.953, R 0.961; none of 65
    ("fresh76", 0.923, 0.931, 65, 0),
    # Moldova, Armenia, Georgia and Central Asia as their own outlets write: P 0.992, R 0.976; none of 59
    ("fresh77", 0.962, 0.946, 59, 0),
    # a fifth wave, measured on af640c2 (the session's rules up to then). Oblast papers'
    # feeds: P 1.000, R 0.885 (one label removed by its author afterwards: 1.000, 0.893); none of 60
    ("fresh78", 0.970, 0.863, 60, 0),
    # partner-side district papers: P 0.975, R 0.983; 1 of 70 (performers from Minsk, Moscow and
    # St Petersburg at a festival)
    ("fresh79", 0.945, 0.953, 70, 1),
    # English news only: P 0.970, R 0.949; none of 61
    ("fresh80", 0.940, 0.919, 61, 0),
    # long articles, 76 of 150 to 300 words: P 0.985, R 0.977; none of 64
    ("fresh81", 0.955, 0.947, 64, 0),
    # the last wave, measured on 1ae9d25 (all the session's rules but its last three). The Gomel and
    # Mogilev oblasts with Russia: P 0.992, R 0.984 (one label corrected by its author; first run
    # R 0.976); none of 60
    ("fresh82", 0.962, 0.946, 60, 0),
    # the Vitebsk, Grodno, Brest and Minsk oblasts with the other partner states: P 0.962, R 0.953; none of 55
    ("fresh83", 0.932, 0.923, 55, 0),
    # half hard negatives, both sides named and not reported on: P 0.829, R 0.983; none of 38
    ("fresh84", 0.799, 0.953, 38, 0),
    # organisations and states as news agencies write them: P 0.959, R 0.915; 1 of 58 (an embassy's
    # reminder of entry rules)
    ("fresh85", 0.929, 0.885, 58, 1),
    # the last wave, measured on d4ab78f (all but the session's last word-list fixes). A
    # representative week: P 0.990, R 0.954; none of 57
    ("fresh86", 0.960, 0.924, 57, 0),
    # Belarusian district and city feeds: P 0.981, R 0.936; none of 58
    ("fresh87", 0.951, 0.906, 58, 0),
    # the partner side in one week: P 0.977, R 0.985; none of 75
    ("fresh88", 0.947, 0.955, 75, 0),
    # organisations and states in English and Russian, mostly short: P 1.000, R 0.993; none of 70
    ("fresh89", 0.970, 0.963, 70, 0),
    # the tenth session's first wave, measured on 6dbdfcf before any change. Universities and
    # institutes on both sides: P 0.992, R 0.967; none of 57
    ("fresh90", 0.962, 0.937, 57, 0),
    # the states' level against texts that only name countries: P 1.000, R 0.930; none of 69
    ("fresh91", 0.970, 0.900, 69, 0),
    # long full-text items and digests: P 0.984, R 0.976; none of 66
    ("fresh92", 0.954, 0.946, 66, 0),
    # Ukrainian, Belarusian and Latin transliterations: P 1.000, R 0.921; none of 56
    ("fresh93", 0.970, 0.891, 56, 0),
    # the second wave, measured on 1a79721. Twin towns and their occasions: P 0.963, R 1.000; none of 57
    ("fresh94", 0.933, 0.970, 57, 0),
    # enterprises, and brands as products: P 0.992, R 0.969; none of 62
    ("fresh95", 0.962, 0.939, 62, 0),
    # everyday news first: P 1.000, R 0.925; none of 55
    ("fresh96", 0.970, 0.895, 55, 0),
    # officials' news: P 0.971, R 1.000; 1 of 70 (the Forum of Regions announced, arguably the
    # two states' joint event)
    ("fresh97", 0.941, 0.970, 70, 1),
    # the third wave, measured on 9fa6a55. Russian regions from Siberia to the Far East: P 0.982,
    # R 0.982; none of 50
    ("fresh98", 0.952, 0.952, 50, 0),
    # Central Asia (its author added one label afterwards; the first run P 0.972, R 0.946): P 0.982,
    # R 0.947; none of 55
    ("fresh99", 0.952, 0.917, 55, 0),
    # hard negatives first: P 0.975, R 0.950; none of 59
    ("fresh100", 0.945, 0.920, 59, 0),
    # media, culture and the other levels: P 0.991, R 0.991; none of 64
    ("fresh101", 0.961, 0.961, 64, 0),
    # the fourth wave, measured on 4200fb6. The Belarusian-language press: P 0.982, R 0.901; none of 63
    ("fresh102", 0.952, 0.871, 63, 0),
    # English-language news: P 1.000, R 0.961; none of 71
    ("fresh103", 0.970, 0.931, 71, 0),
    # Moldova, Armenia and Georgia: P 0.959, R 0.959; 3 of 61 (a restaurant named after Batumi,
    # tourists from four states, Belarus as a buyer of Moldovan wine)
    ("fresh104", 0.929, 0.929, 61, 3),
    # long everyday articles (its author added one label afterwards; the first run P 0.902,
    # R 0.935): P 0.911, R 0.936; 4 of 60
    ("fresh105", 0.881, 0.906, 60, 4),
    # the fifth wave, measured on cc8fd6b. Long everyday articles of Belarusian district papers:
    # P 0.971, R 0.961; 2 of 35 (children from two states at a camp, a smuggler's route)
    ("fresh106", 0.941, 0.931, 35, 2),
    # long everyday articles of Russian regional papers: P 0.946, R 0.963; 3 of 54 (a patient, smuggled
    # cigarettes and performers from Belarus and Kazakhstan)
    ("fresh107", 0.916, 0.933, 54, 3),
    # a representative week at realistic lengths: P 1.000, R 0.945; none of 56
    ("fresh108", 0.970, 0.915, 56, 0),
    # organisations in long press releases: P 0.993, R 0.986; none of 56
    ("fresh109", 0.963, 0.956, 56, 0),
    # the sixth wave, measured on a514245. Long everyday articles in Ukrainian and English: P 0.980,
    # R 0.917; none of 41
    ("fresh110", 0.950, 0.887, 41, 0),
    # crime, courts, borders and emergencies against police and rescue cooperation: P 0.984, R 0.984;
    # none of 67
    ("fresh111", 0.954, 0.954, 67, 0),
    # sport, culture and education held together or merely side by side: P 0.992, R 0.984; none of 63
    ("fresh112", 0.962, 0.954, 63, 0),
    # agriculture, industry and trade: P 0.987, R 0.981; none of 57
    ("fresh113", 0.957, 0.951, 57, 0),
    # the seventh wave, measured on 0c0eb42. Everyday news first (few long items after all): P 0.976,
    # R 0.992; 2 of 49 (a jobseeker back from Kachkanar, farmers from Bryansk at a Gomel fair)
    ("fresh114", 0.946, 0.962, 49, 2),
    # partnerships a year on, carried out or lapsed: P 0.986, R 0.979; 1 of 66 (memorial visitors from
    # three cities)
    ("fresh115", 0.956, 0.949, 66, 1),
    # an aggregator's short items (its author corrected two labels; the first run R 0.928): P 0.992,
    # R 0.941; none of 69
    ("fresh116", 0.962, 0.911, 69, 0),
    # the catalogue's less common partners: P 1.000, R 1.000; none of 52
    ("fresh117", 0.970, 0.970, 52, 0),
    # the eighth wave, measured on 3f7ddbd, with 40 or more full articles each. A representative
    # week: P 0.963, R 0.929; none of 44
    ("fresh118", 0.933, 0.899, 44, 0),
    # Belarusian district and city papers (its author added one label; the first run P 0.971):
    # P 0.981, R 1.000; none of 44
    ("fresh119", 0.951, 0.970, 44, 0),
    # the partner side's outlets: P 0.952, R 0.920; 1 of 45 (Uzbek strawberries sold to three states)
    ("fresh120", 0.922, 0.890, 45, 1),
    # English only: P 0.931, R 0.953; none of 40
    ("fresh121", 0.901, 0.923, 40, 0),
    # the ninth wave, measured on d4d6729, the session's matcher but for its last four rules. Long
    # everyday news: P 0.979, R 0.969; 2 of 25 (a supplier in Bryansk, beekeepers at a Gomel fair)
    ("fresh122", 0.949, 0.939, 25, 2),
    # oblast committees' and BelTA's reports: P 0.938, R 0.978; none of 43
    ("fresh123", 0.908, 0.948, 43, 0),
    # the partner side in Ukrainian, Russian and English: P 0.935, R 0.946; none of 50
    ("fresh124", 0.905, 0.916, 50, 0),
    # organisations and states at every level of formality (its author removed one label; the first
    # run R 0.990): P 0.951, R 1.000; none of 20
    ("fresh125", 0.921, 0.970, 20, 0),
    # the tenth wave, measured on eb4c5af, the session's matcher but for its last five rules. Everyday
    # news as full-text feeds carry it, Belarusian outlets: P 0.958, R 0.948; 1 of 53
    ("fresh126", 0.928, 0.918, 53, 1),
    # the same on the partner side: P 0.956, R 0.966; 4 of 41 (two states as where a third buys)
    ("fresh127", 0.926, 0.936, 41, 4),
    # Belarusian- and English-language full articles: P 0.942, R 0.964; none of 40
    ("fresh128", 0.912, 0.934, 40, 0),
    # a representative week at realistic lengths: P 0.977, R 0.988; none of 53
    ("fresh129", 0.947, 0.958, 53, 0),
    # the eleventh wave, measured on 59c6290, the session's matcher but for its last rule. A
    # representative week: P 0.941, R 0.930; none of 49
    ("fresh130", 0.911, 0.900, 49, 0),
    # everyday news from both sides (few long items after all): P 1.000, R 0.991; none of 26
    ("fresh131", 0.970, 0.961, 26, 0),
    # official and agency news (its author added one label; the first run P 0.978): P 0.989,
    # R 0.989; none of 46
    ("fresh132", 0.959, 0.959, 46, 0),
    # district and city level on both sides: P 1.000, R 0.937; none of 36
    ("fresh133", 0.970, 0.907, 36, 0),
    # the eleventh session's first wave, measured on 39e78a5 (the session's start). Everyday and
    # coverage news from both sides (few long items after all): P 0.989, R 0.978; none of 18
    ("fresh134", 0.959, 0.948, 18, 0),
    # the partner side's own outlets: P 0.978, R 0.989; none of 32
    ("fresh135", 0.948, 0.959, 32, 0),
    # enterprises, universities and institutes as people write them: P 0.977, R 0.887; none of 32
    ("fresh136", 0.947, 0.857, 32, 0),
    # district and agency news in Belarusian, Ukrainian and English: P 1.000, R 0.965; none of 37
    ("fresh137", 0.970, 0.935, 37, 0),
    # long articles only (253-336 words): P 0.821, R 0.970 (a twin list in a City Day speech
    # raised four pairs); none of 24
    ("fresh138", 0.791, 0.940, 24, 0),
    # long articles from the partner side's outlets: P 0.939, R 0.939; none of 21
    ("fresh139", 0.909, 0.909, 21, 0),
    # long articles from Belarusian district and oblast papers: P 0.842, R 1.000; none of 22
    ("fresh140", 0.812, 0.970, 22, 0),
    # long articles naming states: P 0.917, R 1.000; none of 28
    ("fresh141", 0.887, 0.970, 28, 0),
    # the second wave, measured on 45ad44d (the session's matcher at the time). Long English
    # articles: P 0.850, R 1.000; none of 26
    ("fresh143", 0.820, 0.970, 26, 0),
    # long features and interviews in Russian and Belarusian: P 0.912, R 0.969; none of 24
    ("fresh142", 0.882, 0.939, 24, 0),
    # long articles in Ukrainian and Belarusian from border regions: P 0.941, R 1.000; none of 23
    ("fresh144", 0.911, 0.970, 23, 0),
    # the third wave, measured on 3f60408. Long articles from Russian partner regions' outlets (its
    # author added one label; the first run P 0.800): P 0.825, R 1.000; 1 of 25 (a director's
    # biography naming the two states)
    ("fresh145", 0.795, 0.970, 25, 1),
    # long business and campus articles: P 0.886, R 0.912; none of 24
    ("fresh147", 0.856, 0.882, 24, 0),
    # long articles on Central Asian partners: P 0.913, R 1.000; none of 25
    ("fresh149", 0.883, 0.970, 25, 0),
    # long articles on Moldovan, Georgian, Armenian and Ukrainian partners: P 0.917, R 1.000; none of 22
    ("fresh150", 0.887, 0.970, 22, 0),
    # long news digests, several items in one article: P 0.939, R 1.000; none of 22
    ("fresh148", 0.909, 0.970, 22, 0),
    # long Belarusian-language district and oblast articles: P 0.943, R 1.000; none of 26
    ("fresh146", 0.913, 0.970, 26, 0),
    # the fourth wave, measured on f78a3de. A week of a Belarusian oblast site's feed (titles and
    # leads): P 0.975, R 1.000; none of 119
    ("fresh155", 0.945, 0.970, 119, 0),
    # a week of partner-side sites' feeds: P 1.000, R 1.000; none of 135
    ("fresh156", 0.970, 0.970, 135, 0),
    # long English articles from partner-side agencies: P 0.939, R 1.000; none of 26
    ("fresh152", 0.909, 0.970, 26, 0),
    # long officials' interviews and reports: P 0.738, R 1.000 (lists of partners as a status,
    # partners said to have done nothing); none of 23
    ("fresh154", 0.708, 0.970, 23, 0),
    # long Ukrainian articles from regional sites: P 0.806, R 0.967; none of 25
    ("fresh153", 0.776, 0.937, 25, 0),
    # long everyday sport, culture and history articles: P 0.833, R 1.000; none of 23
    ("fresh151", 0.803, 0.970, 23, 0),
    # the fifth wave, measured on a300b02. A week of a national aggregator's regional section, four
    # languages: P 1.000, R 1.000; none of 128
    ("fresh162", 0.970, 0.970, 128, 0),
    # long English articles: P 0.886, R 1.000; none of 22
    ("fresh159", 0.856, 0.970, 22, 0),
    # long articles from Russian partner regions' outlets: P 0.892, R 1.000; none of 23
    ("fresh158", 0.862, 0.970, 23, 0),
    # long everyday sport, culture, church and history articles: P 0.829, R 1.000; 2 of 24
    # (tourists and volunteers from partner towns)
    ("fresh160", 0.799, 0.970, 24, 2),
    # long articles from the border regions on both sides: P 0.909, R 1.000; none of 22
    ("fresh161", 0.879, 0.970, 22, 0),
    # long officials' interviews and year-end reports: P 0.617, R 0.967 (agreements said to exist
    # with nothing done this year); none of 25
    ("fresh157", 0.587, 0.937, 25, 0),
    # the sixth wave, measured on 843cd2e. A week of a district paper and its partner district's
    # site: P 1.000, R 1.000; none of 153
    ("fresh168", 0.970, 0.970, 153, 0),
    # long interviews and reports from the partner side: P 0.919, R 0.971; none of 24
    ("fresh164", 0.889, 0.941, 24, 0),
    # long articles on organisations as partners: P 0.938, R 0.968; none of 23
    ("fresh167", 0.908, 0.938, 23, 0),
    # long English and Ukrainian everyday and coverage articles: P 0.816, R 1.000; none of 21
    ("fresh166", 0.786, 0.970, 21, 0),
    # long year-end interviews and reports: P 0.789, R 0.938 (partners said to be dormant); none of 21
    ("fresh163", 0.759, 0.908, 21, 0),
    # long everyday people's stories, sport and culture: P 0.969, R 1.000; none of 26
    ("fresh165", 0.939, 0.970, 26, 0),
]


@pytest.mark.parametrize("name,precision,recall,everyday_items,everyday_alarms", LATER_PROBES)
def test_later_probe_figures(matcher, name, precision, recall, everyday_items, everyday_alarms):
    path = ROOT / "tests" / "data" / f"{name}.jsonl"
    items = read_labelled(path)
    result = evaluate(matcher, items)
    assert result.overall.precision >= precision, format_eval(result)
    assert result.overall.recall >= recall, format_eval(result)
    everyday = [item for item, raw in zip(items, _kinds(path)) if raw == "negative"]
    assert len(everyday) >= everyday_items
    alarms = [item.article.id for item in everyday if matcher.match(item.article)]
    assert len(alarms) <= everyday_alarms, alarms


def _kinds(path):
    import json

    return [json.loads(line)["kind"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_eval_scores_kinds_of_party_on_their_own(matcher):
    items = read_labelled(REALNEWS)
    result = evaluate(matcher, items)
    assert set(result.by_party) == {"organisations", "states", "territories"}
    assert "per kind of party:" in format_eval(result)


def test_malformed_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "title": "x", "labels": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2: not valid JSON"):
        read_labelled(path)


def test_missing_file_is_one_line_error(tmp_path):
    with pytest.raises(InputError, match="nope.jsonl"):
        read_labelled(tmp_path / "nope.jsonl")


def test_command_prints_figures(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text('{"id": "a", "lang": "en", "title": "Gomel and Kutaisi mark ten years of their partnership '
                    'agreement", "summary": "", "content": "", "labels": ["by-gomel--ge-kutaisi"]}\n',
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--input", str(path), "--catalogue", str(ROOT / "config" / "catalogue")])
    assert result.exit_code == 0, result.output
    assert "overall" in result.output and "P 1.000" in result.output
