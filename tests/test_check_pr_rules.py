"""check-pr's ownership rules as pure functions: who may add, change or delete which file, and when.

Each case is judged in process (`pullrequests.judge`: base files and the change as bytes, the author,
`--now`), in milliseconds, without git or a subprocess. The real-git edge keeps one test per rule family
in test_check_pr.py (and test_signed.py, test_sealed.py, test_rules.py, test_journeys.py)."""

from __future__ import annotations

import json
import os
from typing import Any

from kczy.checkpr import merge_refusals
from kczy.gitobjects import parse_raw_diff
from kczy.history import BallotCommits, Change, SignedCommit
from kczy.layout import RETIRED_FILE
from kczy.rounds import render_retired
from kczy.signing import key_fingerprint
from pullrequests import SUBMODULE, SYMLINK, codes, judge
from roundbuilder import PREFIX, SECRETARIAT, dump, make_round, runoff_call
from test_rules import OWN, own_copy, with_rule
from test_sealed import RECIPIENT, TWO, envelope_text, plain, sealed_file, with_voting

YB = "yiye-yibao"
MEMBERS = {"m1": ["u1"], "m2": []}
APPS = {"aa": (YB, "u1", []), "bb": (YB, "u2", [])}
UNITS = {"u1": "login-u1", "u2": "login-u2"}
BASE = make_round(MEMBERS, APPS, {}, units=UNITS)
IN_APPLICATIONS, IN_VOTING, AFTER_VOTING = "2030-03-15T10:00", "2030-05-05T10:00", "2030-05-11T10:00"
ROUND, COMMITTEE, UNITS_FILE = f"{PREFIX}round.yaml", f"{PREFIX}committee.yaml", f"{PREFIX}units.yaml"


def application(
    app_id: str, unit: str, partners: list[dict[str, str]] | None = None
) -> dict[str, bytes | None]:
    body = dump({"type": YB, "title": f"项目{app_id}", "applicant": unit, "partners": partners or []})
    return {f"{PREFIX}applications/{YB}/{app_id}.yaml": body}


def ballot(member: str, *ids: str) -> dict[str, bytes | None]:
    return {f"{PREFIX}ballots/{member}.yaml": dump({"member": member, "votes": {YB: list(ids)}})}


def edited(base: dict[str, bytes], path: str, change: Any) -> bytes:
    """`base[path]` (JSON text) with `change(data)` applied."""
    data = json.loads(base[path])
    change(data)
    return dump(data)


def places(findings: list[Any]) -> list[tuple[str, int, int, str]]:
    return [(f.path, f.line, f.column, f.code) for f in findings]


# Units' applications and attachments


def test_a_unit_may_apply_for_itself_only_inside_the_applications_window() -> None:
    app = application("cc", "u2")
    assert codes(BASE, app, "login-u2", IN_APPLICATIONS) == []
    assert codes(BASE, app, "LOGIN-U2", IN_APPLICATIONS) == []  # logins ignore case
    assert codes(BASE, app, "login-u1", IN_APPLICATIONS) == ["checkpr.other-unit"]
    assert codes(BASE, app, "login-u2", "2030-04-01T17:01") == ["checkpr.applications-closed"]
    assert codes(BASE, app, "login-u2", "2030-02-28T10:00") == ["checkpr.applications-not-open"]
    assert codes(BASE, app, "login-u2", "2030-03-01T09:00") == []  # the window's edges are inside it
    assert codes(BASE, app, "login-u2", "2030-04-01T17:00") == []


def test_a_unit_changes_or_withdraws_only_its_own_application() -> None:
    own = application("aa", "u1")
    assert codes(BASE, own, "login-u1", IN_APPLICATIONS) == []
    assert codes(BASE, own, "login-u2", IN_APPLICATIONS) == ["checkpr.other-unit"]
    assert codes(BASE, application("bb", "u1"), "login-u1", IN_APPLICATIONS) == [
        "checkpr.other-unit"
    ]  # takeover
    withdraw: dict[str, bytes | None] = {f"{PREFIX}applications/{YB}/aa.yaml": None}
    assert codes(BASE, withdraw, "login-u1", IN_APPLICATIONS) == []
    assert codes(BASE, withdraw, "login-u2", IN_APPLICATIONS) == ["checkpr.other-unit"]
    assert codes(BASE, withdraw, "login-u1", "2030-04-02T10:00") == ["checkpr.applications-closed"]


def test_an_application_names_a_registered_unit_as_applicant() -> None:
    assert codes(BASE, application("cc", "zz"), "login-u1", IN_APPLICATIONS) == ["checkpr.unknown-unit"]
    nameless = {f"{PREFIX}applications/{YB}/cc.yaml": dump({"type": YB, "title": "项目cc", "partners": []})}
    assert codes(BASE, nameless, "login-u1", IN_APPLICATIONS) == ["checkpr.no-applicant"]


def test_a_full_width_colon_on_the_title_line_does_not_hide_the_applicant() -> None:
    """The file does not parse; its applicant line still says whose it is (validate names the cause)."""
    text = f"type: {YB}\ntitle：项目cc\napplicant: u2\npartners: []\n".encode()
    change: dict[str, bytes | None] = {f"{PREFIX}applications/{YB}/cc.yaml": text}
    assert codes(BASE, change, "login-u2", IN_APPLICATIONS) == []
    assert codes(BASE, change, "login-u1", IN_APPLICATIONS) == ["checkpr.other-unit"]


def test_a_second_applicant_line_is_anothers_application_too() -> None:
    """A duplicate `applicant:` key (the loader reads the first, validate refuses the file) names the
    second unit as well: check-pr alone refuses it, whichever line comes first."""
    for first, second in (("u1", "u2"), ("u2", "u1")):
        text = f"type: {YB}\ntitle: 项目cc\napplicant: {first}\napplicant: {second}\npartners: []\n".encode()
        change: dict[str, bytes | None] = {f"{PREFIX}applications/{YB}/cc.yaml": text}
        assert codes(BASE, change, "login-u1", IN_APPLICATIONS) == ["checkpr.other-unit"], first


def test_an_attachment_belongs_to_its_applications_unit() -> None:
    pdf = b"%PDF-1.4\n"
    attach: dict[str, bytes | None] = {f"{PREFIX}attachments/aa/纪要.pdf": pdf}
    assert codes(BASE, attach, "login-u1", IN_APPLICATIONS) == []
    assert codes(BASE, attach, "login-u2", IN_APPLICATIONS) == ["checkpr.other-unit"]
    assert codes(BASE, attach, "login-u1", "2030-04-02T10:00") == ["checkpr.applications-closed"]
    new_app = {**application("cc", "u2"), f"{PREFIX}attachments/cc/纪要.pdf": pdf}
    assert codes(BASE, new_app, "login-u2", IN_APPLICATIONS) == []
    assert codes(BASE, new_app, "login-u1", IN_APPLICATIONS) == ["checkpr.other-unit", "checkpr.other-unit"]
    orphan: dict[str, bytes | None] = {f"{PREFIX}attachments/zz/纪要.pdf": pdf}
    assert codes(BASE, orphan, "login-u1", IN_APPLICATIONS) == ["checkpr.no-applicant"]


def test_a_partners_confirmation_is_its_own_units_or_the_secretariats() -> None:
    base = {**BASE, **application("aa", "u1", [{"unit": "u2"}])}
    confirmation: dict[str, bytes | None] = {
        f"{PREFIX}partners/u2.yaml": dump({"unit": "u2", "confirms": ["aa"]})
    }
    assert codes(base, confirmation, "login-u1", IN_APPLICATIONS) == ["checkpr.confirmation-other-unit"]
    assert codes(base, confirmation, "login-u2", IN_APPLICATIONS) == []
    assert codes(base, confirmation, SECRETARIAT, IN_APPLICATIONS) == []  # a written confirmation
    assert codes(base, confirmation, "login-u2", "2030-04-02T10:00") == ["checkpr.applications-closed"]
    unknown: dict[str, bytes | None] = {f"{PREFIX}partners/zz.yaml": dump({"unit": "zz", "confirms": ["aa"]})}
    assert codes(base, unknown, SECRETARIAT, IN_APPLICATIONS) == ["checkpr.confirmation-unknown-unit"]


# Members' ballots


def test_a_member_votes_only_for_themselves_inside_the_window() -> None:
    vote = ballot("m2", "aa")
    assert codes(BASE, vote, "m2", IN_VOTING) == []
    assert codes(BASE, vote, "M2", IN_VOTING) == []  # logins ignore case
    assert codes(BASE, vote, "m1", IN_VOTING) == ["checkpr.other-ballot"]
    assert codes(BASE, vote, "login-u1", IN_VOTING) == ["checkpr.not-member"]
    assert codes(BASE, vote, "m2", AFTER_VOTING) == ["checkpr.voting-closed"]
    assert codes(BASE, vote, "m2", "2030-04-30T10:00") == ["checkpr.voting-not-open"]
    withdraw: dict[str, bytes | None] = {f"{PREFIX}ballots/m1.yaml": None}
    voted = {**BASE, **ballot("m1", "bb")}
    assert codes(voted, withdraw, "m1", IN_VOTING) == []
    assert codes(voted, withdraw, "m2", IN_VOTING) == ["checkpr.other-ballot"]
    assert codes(voted, withdraw, "m1", AFTER_VOTING) == ["checkpr.voting-closed"]


def test_vote_problems_are_refused_on_their_line() -> None:
    path = f"{PREFIX}ballots/m1.yaml"  # m1 is affiliated with u1, the applicant of aa
    found = places(judge(BASE, ballot("m1", "aa", "zz"), "m1", IN_VOTING))
    assert [(p, line, code) for p, line, _, code in found] == [
        (path, 5, "tally.vote.recused"),
        (path, 6, "tally.vote.unknown"),
    ]


def test_joining_the_committee_and_voting_in_the_same_change_is_refused() -> None:
    """Everything that decides comes from the base revision (real git: test_check_pr.py)."""

    def join(data: dict[str, Any]) -> None:
        data["members"].append(
            {"id": "intruder", "name": "某人", "role": "expert", "logins": ["intruder"], "affiliations": []}
        )

    change = {COMMITTEE: edited(BASE, COMMITTEE, join), **ballot("intruder", "bb")}
    assert codes(BASE, change, "intruder", IN_VOTING) == ["checkpr.not-member", "checkpr.secretariat-only"]


def test_a_rename_is_a_delete_and_an_add() -> None:
    voted = {**BASE, **ballot("m1", "bb")}
    renamed = {
        f"{PREFIX}ballots/m1.yaml": None,
        f"{PREFIX}ballots/m2.yaml": voted[f"{PREFIX}ballots/m1.yaml"],
    }
    assert places(judge(voted, renamed, "m1", IN_VOTING)) == [
        (f"{PREFIX}ballots/m2.yaml", 1, 1, "checkpr.other-ballot")
    ]  # the member check still reads m2.yaml's content: member m1 in m2.yaml fails validate, not check-pr


def test_ballots_of_signed_rounds_are_judged_by_the_base_revisions_keys() -> None:
    """A pull request that registers its own key for m2 and votes with it is still refused."""
    base = {
        **BASE,
        ROUND: edited(BASE, ROUND, lambda data: data["voting"].update(signed=True)),
        COMMITTEE: edited(BASE, COMMITTEE, lambda data: _set_key(data, "m2", M2_KEY)),
    }
    takeover = {
        COMMITTEE: edited(base, COMMITTEE, lambda data: _set_key(data, "m2", STRANGER_KEY)),
        **ballot("m2", "aa"),
    }
    path = f"{PREFIX}ballots/m2.yaml"

    def signed_by(key: str, status: str = "G") -> dict[str, BallotCommits]:
        return {
            path: BallotCommits(
                (SignedCommit("c" * 40, status, key_fingerprint(key) or "", "b" * 40),), "b" * 40
            )
        }

    assert set(codes(base, takeover, "m2", IN_VOTING, signatures=signed_by(STRANGER_KEY))) == {
        "checkpr.secretariat-only",
        "signed.unknown-key",
    }
    assert codes(base, ballot("m2", "aa"), "m2", IN_VOTING, signatures=signed_by(M2_KEY)) == []
    assert codes(base, ballot("m2", "aa"), "m2", IN_VOTING, signatures=signed_by("", "N")) == [
        "signed.unsigned"
    ]
    assert codes(BASE, ballot("m2", "aa"), "m2", IN_VOTING) == []  # a round without signed ballots


M2_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIATjH+AE8xAAtoPxSlsTG5DjDdluhn/c5uHIH1LGNeW5 m2@example.org"
STRANGER_KEY = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINL9sHjS2l74m4R3stIC/BoPzilsNmqB9AdFBAaNG0CO x@example.org"
)


def _set_key(committee: dict[str, Any], member_id: str, key: str) -> None:
    for member in committee["members"]:
        if member["id"] == member_id:
            member["signing_key"] = key


def test_a_sealed_rounds_ballot_is_judged_by_its_envelope_without_the_key() -> None:
    base = with_voting(
        make_round({"m1": [], "m2": []}, {"aa": (YB, "u1", [])}, {}), tally_recipient=RECIPIENT, sealed=True
    )
    path = f"{PREFIX}ballots/m1.yaml"
    envelope = sealed_file("m1", plain("m1", "aa"))
    assert codes(base, {path: envelope}, "m1", IN_VOTING) == []
    assert codes(base, {path: envelope}, "m2", IN_VOTING) == ["checkpr.other-ballot"]
    assert codes(base, {path: plain("m1", "aa")}, "m1", IN_VOTING) == ["sealed.plain-refused"]
    assert codes(base, {path: envelope_text(TWO)}, "m1", IN_VOTING) == ["sealed.recipient-count"]
    # m1's envelope in the base, copied by m2 under its own name: only the member line changes
    copied = envelope.replace(b"member: m1", b"member: m2", 1)
    change: dict[str, bytes | None] = {f"{PREFIX}ballots/m2.yaml": copied}
    assert codes({**base, path: envelope}, change, "m2", IN_VOTING) == ["sealed.reused"]
    assert codes(base, change, "m2", IN_VOTING) == []  # nothing to compare with: the tally decides


# Runoffs


RUNOFF_MEMBERS = {f"m{i}": [] for i in range(1, 6)}
RUNOFF_APPS = {"aa": (YB, "u-aa", []), "bb": (YB, "u-bb", []), "cc": (YB, "u-cc", []), "dd": (YB, "u-dd", [])}
TIED = {"m1": {YB: ["aa", "bb"]}, "m2": {YB: ["aa", "cc"]}, "m3": {YB: ["aa", "dd"]}}
CALL: dict[str, bytes | None] = {f"{PREFIX}runoffs/1/call.yaml": runoff_call({YB: (["bb", "cc", "dd"], 1)})}


def runoff_ballot(member: str, *ids: str) -> dict[str, bytes | None]:
    return {f"{PREFIX}runoffs/1/{member}.yaml": dump({"member": member, "votes": {YB: list(ids)}})}


def test_runoff_ballots_only_inside_the_secretariats_call() -> None:
    tied = make_round(RUNOFF_MEMBERS, RUNOFF_APPS, TIED)
    early = runoff_ballot("m2", "cc")
    assert codes(tied, early, "m2", "2030-05-12T10:00") == ["runoff.not-called"]
    assert codes(tied, CALL, "m2", "2030-05-12T10:00") == ["checkpr.secretariat-only"]
    assert codes(tied, CALL, SECRETARIAT, "2030-05-12T10:00") == []
    called: dict[str, bytes] = {**tied, **{k: v for k, v in CALL.items() if v is not None}}
    assert codes(called, early, "m2", "2030-05-14T10:00") == ["runoff.not-open"]
    assert codes(called, early, "m2", "2030-05-16T10:00") == []
    assert codes(called, early, "m2", "2030-05-21T10:00") == ["runoff.closed"]
    assert codes(called, runoff_ballot("m3", "aa"), "m3", "2030-05-16T10:00") == ["tally.vote.not-in-runoff"]
    assert codes(called, early, "m1", "2030-05-16T10:00") == ["checkpr.other-ballot"]


def test_runoff_folders_named_with_other_digits_are_outside_the_layout() -> None:
    # "١" and "۱" are digits to Python and int() makes them 1: a second and third runoff-1 ballot of m2.
    body = dump({"member": "m2", "votes": {YB: ["aa"]}})
    change: dict[str, bytes | None] = {
        f"{PREFIX}runoffs/{number}/m2.yaml": body for number in ("1", "١", "۱", "²")
    }
    # the real runoff-1 ballot is refused too: nobody called runoff 1
    assert codes(BASE, change, "m2", AFTER_VOTING) == ["runoff.not-called"] + ["checkpr.outside-layout"] * 3


def test_a_file_outside_the_layout_is_refused_in_words_without_a_placeholder() -> None:
    # A file outside submissions/ (a case trick on the folder, a stray file at the top) was refused with
    # the catalog's {suggestion} left in the sentence.
    for path in ("Submissions/2030/round.yaml", "notes.txt", f"{PREFIX}notes.txt"):
        refused = judge(BASE, {path: b"x\n"}, "login-u1", IN_APPLICATIONS)
        assert [f.code for f in refused] == ["checkpr.outside-layout"], path
        assert "{" not in refused[0].message and "README" in refused[0].message, refused[0].message


# The secretariat's records, the year's rules, the repository's machinery


def test_records_belong_to_the_secretariat() -> None:
    quota = BASE[ROUND].replace(b'"quota": 2', b'"quota": 3', 1)
    change: dict[str, bytes | None] = {ROUND: quota, "schemas/ballot.schema.json": b"{}\n"}
    assert codes(BASE, change, SECRETARIAT, IN_VOTING) == []
    assert codes(BASE, change, "m1", IN_VOTING) == ["checkpr.secretariat-only", "checkpr.secretariat-only"]
    for name in (
        "units.yaml",
        "committee.yaml",
        "approval.yaml",
        "announcement.yaml",
        "objections/o2030-01.yaml",
    ):
        path = f"{PREFIX}{name}"
        assert codes(BASE, {path: b"{}\n"}, "login-u1", IN_APPLICATIONS) == ["checkpr.secretariat-only"], name
    assert codes(BASE, {UNITS_FILE: None}, "m1", IN_VOTING) == ["checkpr.secretariat-only"]
    assert codes(BASE, {".github/workflows/check.yml": b"x\n"}, "login-u1", IN_APPLICATIONS) == [
        "checkpr.secretariat-only"
    ]


def test_only_the_rounds_secretariat_changes_its_rules() -> None:
    base = {**BASE, **own_copy()}
    copy = own_copy()
    with_rule(copy, YB, {"minItems": 5}, ("properties", "expert_team"))
    changed = f"{OWN}{YB}.schema.json"
    rules: dict[str, bytes | None] = {changed: copy[changed]}
    refused = judge(base, rules, "login-u1", IN_VOTING)
    assert [f.code for f in refused] == ["checkpr.rules-secretariat-only"]
    assert (
        refused[0]
        .as_line()
        .startswith(f"{changed}:1:1: 2030 年度的评审规则（submissions/2030/schemas/）属于轮次配置")
    )
    assert codes(base, rules, "m1", IN_VOTING) == ["checkpr.rules-secretariat-only"]
    assert codes(base, rules, SECRETARIAT, IN_VOTING) == []
    drop: dict[str, bytes | None] = {f"{OWN}ballot.schema.json": None, f"{OWN}extra.schema.json": b"{}\n"}
    assert codes(base, drop, "login-u2", IN_VOTING) == ["checkpr.rules-secretariat-only"] * 2
    assert codes(base, drop, SECRETARIAT, IN_VOTING) == []


def test_retiring_a_sample_round_belongs_to_the_current_secretariat() -> None:
    retire: dict[str, bytes | None] = {RETIRED_FILE: render_retired(["2021"])}
    assert codes(BASE, retire, SECRETARIAT, IN_VOTING) == []
    assert codes(BASE, retire, "m1", IN_VOTING) == ["checkpr.retired-rounds"]
    assert codes(BASE, {RETIRED_FILE: None}, "login-u1", IN_VOTING) == ["checkpr.retired-rounds"]


SAMPLE_YEAR_HERE = "2029"


def with_sample_round(base: dict[str, bytes]) -> dict[str, bytes]:
    """A sample round next to the real one, with invented logins: its secretariat `sample-mishu`."""

    def sample(data: dict[str, Any]) -> None:
        data.update(year=int(SAMPLE_YEAR_HERE), sample=True)
        data["secretariat"]["logins"] = ["sample-mishu"]

    copied = {
        name: base[PREFIX + name] for name in ("units.yaml", "committee.yaml", f"applications/{YB}/aa.yaml")
    }
    copied["round.yaml"] = edited(base, ROUND, sample)
    return {**base, **{f"submissions/{SAMPLE_YEAR_HERE}/{name}": body for name, body in copied.items()}}


def test_a_sample_round_grants_nothing() -> None:
    base = with_sample_round(BASE)
    machinery: dict[str, bytes | None] = {
        ".github/workflows/check.yml": b"name: check\n",
        "src/kczy/cli.py": b"pass\n",
    }
    assert codes(base, machinery, "sample-mishu", IN_APPLICATIONS) == [
        "checkpr.secretariat-only",
        "checkpr.outside-layout",
    ]
    assert codes(base, machinery, SECRETARIAT, IN_APPLICATIONS) == []  # the current round's
    sample_app = f"submissions/{SAMPLE_YEAR_HERE}/applications/{YB}/aa.yaml"
    edit: dict[str, bytes | None] = {sample_app: base[sample_app].replace(b"aa", b"ab")}
    assert codes(base, edit, "login-u1", IN_APPLICATIONS) == ["checkpr.sample-round"]
    assert codes(base, edit, "sample-mishu", IN_APPLICATIONS) == ["checkpr.sample-round"]
    assert codes(base, edit, SECRETARIAT, IN_APPLICATIONS) == []


def test_a_new_round_folder_is_the_current_secretariats() -> None:
    opened: dict[str, bytes | None] = {"submissions/2031/round.yaml": BASE[ROUND].replace(b"2030", b"2031")}
    assert codes(BASE, opened, "login-u1", IN_APPLICATIONS) == ["checkpr.new-round"]
    assert codes(BASE, opened, "m1", IN_APPLICATIONS) == ["checkpr.new-round"]
    assert codes(BASE, opened, SECRETARIAT, IN_APPLICATIONS) == []
    # an application for a round that does not exist yet is no unit's to open either
    stray = {
        f"submissions/2031/applications/{YB}/cc.yaml": application("cc", "u1")[
            f"{PREFIX}applications/{YB}/cc.yaml"
        ]
    }
    assert codes(BASE, stray, "login-u1", IN_APPLICATIONS) == ["checkpr.new-round"]


def test_a_base_round_that_cannot_be_read_takes_no_unit_or_member_change_until_its_secretariat_mends_it() -> (
    None
):
    broken = BASE[ROUND].replace(b'"quota": 2', b'"quota": "two"', 1)
    assert broken != BASE[ROUND]
    base = {**BASE, ROUND: broken}
    assert codes(base, application("cc", "u2"), "login-u2", IN_APPLICATIONS) == ["checkpr.round-unreadable"]
    assert codes(base, ballot("m2", "aa"), "m2", IN_VOTING) == ["checkpr.round-unreadable"]
    assert codes(base, {ROUND: BASE[ROUND]}, SECRETARIAT, IN_VOTING) == []


def test_one_account_listed_for_two_entries_is_refused() -> None:
    def shared_login(data: dict[str, Any]) -> None:
        data["units"][1]["logins"].append("Login-U1")  # u2 lists u1's login, in another case

    def member_is_secretariat(data: dict[str, Any]) -> None:
        data["members"][1]["logins"].append("MISHU")

    base = {
        **BASE,
        UNITS_FILE: edited(BASE, UNITS_FILE, shared_login),
        COMMITTEE: edited(BASE, COMMITTEE, member_is_secretariat),
    }
    assert codes(base, application("cc", "u1"), "login-u1", IN_APPLICATIONS) == ["checkpr.login-ambiguous"]
    assert codes(base, application("cc", "u1"), "login-u2", IN_APPLICATIONS) == ["checkpr.other-unit"]
    quota: dict[str, bytes | None] = {ROUND: BASE[ROUND].replace(b'"quota": 2', b'"quota": 3', 1)}
    assert codes(base, quota, SECRETARIAT, IN_APPLICATIONS) == ["checkpr.login-ambiguous"]
    assert codes(base, {"schemas/x.schema.json": b"{}\n"}, SECRETARIAT, IN_APPLICATIONS) == [
        "checkpr.login-ambiguous"
    ]


# What is not a file of the round


def test_symlinks_submodules_and_files_outside_the_layout_are_refused() -> None:
    change: dict[str, bytes | None] = {
        f"{PREFIX}ballots/m2.yaml": b"../round.yaml",
        f"{PREFIX}notes.txt": b"x",
        "tool.py": b"x",
    }
    modes = {f"{PREFIX}ballots/m2.yaml": SYMLINK}
    assert codes(BASE, change, "m2", IN_VOTING, modes=modes) == [
        "checkpr.symlink",
        "checkpr.outside-layout",
        "checkpr.outside-layout",
    ]
    # the secretariat may not add a symlink either, not even to its own records
    assert codes(BASE, {ROUND: b"x"}, SECRETARIAT, IN_VOTING, modes={ROUND: SYMLINK}) == ["checkpr.symlink"]
    link = f"{PREFIX}attachments/aa/vendor"
    assert codes(BASE, {link: b""}, "login-u1", IN_APPLICATIONS, modes={link: SUBMODULE}) == [
        "checkpr.submodule"
    ]
    # removing one is removing a file of the application's attachments: its unit's alone
    assert codes(BASE, {link: None}, "login-u1", IN_APPLICATIONS, modes={link: SUBMODULE}) == []
    assert codes(BASE, {link: None}, "login-u2", IN_APPLICATIONS, modes={link: SUBMODULE}) == [
        "checkpr.other-unit"
    ]


def test_a_file_name_that_is_not_utf8_is_refused_and_shown_escaped() -> None:
    """A name zipped on a Chinese Windows machine: its bytes are GBK (git's path survives as surrogates)."""
    name = os.fsdecode("附件.pdf".encode("gbk"))
    found = judge(BASE, {f"{PREFIX}attachments/aa/{name}": b"%PDF-1.4\n"}, "login-u1", IN_APPLICATIONS)
    assert places(found) == [(f"{PREFIX}attachments/aa/\\xb8\\xbd\\xbc\\xfe.pdf", 1, 1, "file.name-not-utf8")]


def test_paths_that_only_look_like_the_layout_are_refused() -> None:
    """Case tricks, stray folders and files beside the rounds: nothing outside the layout is anyone's but
    the current secretariat's, and nothing under submissions/ outside it is anyone's."""
    body = ballot("m2", "aa")[f"{PREFIX}ballots/m2.yaml"]
    outside = [
        f"{PREFIX}Ballots/m2.yaml",
        f"{PREFIX}ballots/m2.YAML",
        f"{PREFIX}ballots/m2.yml",
        f"{PREFIX}ballots/sub/m2.yaml",
        f"{PREFIX}Round.yaml",
        "submissions/notes.txt",
        f"{PREFIX}notes.txt",
    ]
    for path in outside:  # not even the secretariat puts a file under submissions/ outside the layout
        for author in ("m2", SECRETARIAT):
            assert codes(BASE, {path: body}, author, IN_VOTING) == ["checkpr.outside-layout"], (path, author)
    # a ballot whose name only looks like the member's own id is no id at all, as validate says
    for name in ("M2", " m2", "m2 ", "ｍ2"):
        assert codes(BASE, {f"{PREFIX}ballots/{name}.yaml": body}, "m2", IN_VOTING) == ["layout.bad-id"]
    assert codes(BASE, {f"{PREFIX}ballots/m1.yaml": body}, "m2", IN_VOTING) == ["checkpr.other-ballot"]
    # outside submissions/ a case variant is machinery: the current secretariat's alone
    for path in ("Submissions/2030/ballots/m2.yaml", ".GitHub/workflows/x.yml", "Schemas/ballot.schema.json"):
        assert codes(BASE, {path: body}, "m2", IN_VOTING) == ["checkpr.outside-layout"], path
        assert codes(BASE, {path: body}, SECRETARIAT, IN_VOTING) == [], path


# After the approval, and the one `now`


APPROVAL = {
    "approved_on": "2030-05-20",
    "meeting": "党组会议（测试）",
    "notice_starts": "2030-05-21",
    "tally_format": 2,
    "tally_sha256": "0" * 64,
}
APPROVED = {**BASE, f"{PREFIX}approval.yaml": dump(APPROVAL)}


def test_after_the_approval_the_tally_inputs_are_locked() -> None:
    late = ballot("m2", "aa")
    # Every reason is listed, not only the lock: the secretariat is no member, and voting has closed.
    assert codes(APPROVED, late, SECRETARIAT, "2030-05-22T10:00") == [
        "checkpr.locked-after-approval",
        "checkpr.not-member",
        "checkpr.voting-closed",
    ]
    assert codes(APPROVED, late, "m2", "2030-05-22T10:00") == [
        "checkpr.locked-after-approval",
        "checkpr.voting-closed",
    ]
    for path in (ROUND, COMMITTEE, f"{PREFIX}applications/{YB}/aa.yaml", f"{PREFIX}attachments/aa/x.pdf"):
        assert "checkpr.locked-after-approval" in codes(
            APPROVED, {path: None}, SECRETARIAT, "2030-05-22T10:00"
        )
    # what the approved notice does not rest on stays the secretariat's to write
    objection: dict[str, bytes | None] = {f"{PREFIX}objections/o2030-01.yaml": b"{}\n"}
    assert codes(APPROVED, objection, SECRETARIAT, "2030-05-22T10:00") == []


def test_a_rounds_rules_are_locked_after_approval_but_its_objection_schema_is_not() -> None:
    approval = {
        "approved_on": "2030-05-12",
        "meeting": "党组会议（2030年第1次）",
        "notice_starts": "2030-05-13",
        "tally_sha256": "0" * 64,
    }
    base = {**BASE, **own_copy(), f"{PREFIX}approval.yaml": dump(approval)}
    copy = own_copy()
    with_rule(copy, YB, {"minItems": 5}, ("properties", "expert_team"))
    with_rule(copy, "objection", {"description": "改过的说明"}, ())
    type_path, objection_path = f"{OWN}{YB}.schema.json", f"{OWN}objection.schema.json"
    found = judge(
        base,
        {type_path: copy[type_path], objection_path: copy[objection_path]},
        SECRETARIAT,
        "2030-05-14T10:00",
    )
    assert [(f.path, f.code) for f in found] == [(type_path, "checkpr.locked-after-approval")]


def test_the_approval_locks_from_its_own_day_at_the_time_given() -> None:
    """`--now` replays any day: before `approved_on` (Beijing) the approval is not yet in force."""
    vote = ballot("m2", "aa")
    assert codes(APPROVED, vote, "m2", IN_VOTING) == []  # an approval dated after now locks nothing yet
    assert codes(APPROVED, vote, "m2", "2030-05-19T23:59") == ["checkpr.voting-closed"]
    assert codes(APPROVED, vote, "m2", "2030-05-20T00:00") == [
        "checkpr.locked-after-approval",
        "checkpr.voting-closed",
    ]
    # an approval whose day cannot be read locks at any time (mending it is the secretariat's)
    for day in ("2030-02-30", "soon", None):
        unreadable = {**BASE, f"{PREFIX}approval.yaml": dump({**APPROVAL, "approved_on": day})}
        assert codes(unreadable, vote, "m2", IN_VOTING) == ["checkpr.locked-after-approval"], day
    garbage = {**BASE, f"{PREFIX}approval.yaml": b"- 1\n"}
    assert codes(garbage, vote, "m2", IN_VOTING) == ["checkpr.locked-after-approval"]


def test_every_time_dependent_rule_reads_the_one_now() -> None:
    """The same change judged at two times: each window moves with `now` alone (nothing reads a clock)."""
    called = {**APPROVED, **{k: v for k, v in CALL.items() if v is not None}}
    called[f"{PREFIX}approval.yaml"] = dump({**APPROVAL, "approved_on": "2030-05-25"})
    cases: list[tuple[dict[str, bytes | None], str, str, str, list[str]]] = [
        (
            application("cc", "u2"),
            "login-u2",
            IN_APPLICATIONS,
            "2030-04-02T10:00",
            ["checkpr.applications-closed"],
        ),
        (ballot("m2", "aa"), "m2", IN_VOTING, AFTER_VOTING, ["checkpr.voting-closed"]),
        (
            {f"{PREFIX}runoffs/1/m2.yaml": dump({"member": "m2", "votes": {YB: ["bb"]}})},
            "m2",
            "2030-05-16T10:00",
            "2030-05-14T10:00",
            ["runoff.not-open"],
        ),
        (
            {CALL_PATH: None},
            SECRETARIAT,
            "2030-05-24T10:00",
            "2030-05-26T10:00",
            ["checkpr.locked-after-approval"],
        ),
    ]
    for change, author, allowed, refused, expected in cases:
        assert codes(called, change, author, allowed) == [], (change, allowed)
        assert codes(called, change, author, refused) == expected, (change, refused)


CALL_PATH = f"{PREFIX}runoffs/1/call.yaml"


# What git reports, as data: the edge's parsers are pure too


def test_git_s_raw_diff_becomes_changes_a_rename_a_delete_and_an_add() -> None:
    old, new, none = "1" * 40, "2" * 40, "0" * 40
    raw = b"".join(
        [
            f":000000 100644 {none} {new} A\0".encode(),
            b"a.yaml\0",
            f":100644 000000 {old} {none} D\0".encode(),
            b"b.yaml\0",
            f":100644 100644 {old} {new} M\0".encode(),
            b"c.yaml\0",
            f":100644 100644 {old} {new} R100\0".encode(),
            b"d.yaml\0e.yaml\0",
            f":100644 100644 {old} {new} C075\0".encode(),
            b"f.yaml\0g.yaml\0",
            f":100644 120000 {old} {new} T\0".encode(),
            b"h.yaml\0",
            f":100644 000000 {old} {none} D\0".encode(),
            "附件.pdf".encode("gbk") + b"\0",
        ]
    )
    assert parse_raw_diff(raw) == [
        Change("add", "a.yaml", "100644", new),
        Change("delete", "b.yaml", "100644"),
        Change("modify", "c.yaml", "100644", new),
        Change("delete", "d.yaml", "100644"),
        Change("add", "e.yaml", "100644", new),
        Change("add", "g.yaml", "100644", new),  # a copy leaves its source as it was
        Change("delete", "h.yaml", "100644"),
        Change("add", "h.yaml", SYMLINK, new),  # a file made a symlink
        Change("delete", os.fsdecode("附件.pdf".encode("gbk")), "100644"),
    ]
    assert parse_raw_diff(b"") == []


def test_a_merge_that_cannot_be_made_is_one_refusal_per_conflicted_file() -> None:
    assert [(f.path, f.code) for f in merge_refusals(["b.yaml", "a.yaml"], unrelated=False)] == [
        ("a.yaml", "checkpr.merge-conflict"),
        ("b.yaml", "checkpr.merge-conflict"),
    ]
    assert [(f.path, f.code) for f in merge_refusals([], unrelated=True)] == [
        (".", "checkpr.unrelated-histories")
    ]
    assert [(f.path, f.code) for f in merge_refusals([], unrelated=False)] == [
        (".", "checkpr.merge-conflict")
    ]


def test_a_name_validate_refuses_is_refused_by_check_pr_too() -> None:
    # An upper-case twin of another unit's application (one file with it on Windows and macOS), an
    # underscore: validate says layout.bad-id; check-pr passed them to its owner's rules.
    body = application("x", "u2")[f"{PREFIX}applications/{YB}/x.yaml"]
    for name in ("AA", "Aa", "cc_1", "c"):
        change = {f"{PREFIX}applications/{YB}/{name}.yaml": body}
        assert codes(BASE, change, "login-u2", IN_APPLICATIONS) == ["layout.bad-id"], name
    vote = ballot("m1", "bb")[f"{PREFIX}ballots/m1.yaml"]
    assert codes(BASE, {f"{PREFIX}ballots/M1.yaml": vote}, "m1", IN_VOTING) == ["layout.bad-id"]
    assert codes(BASE, {f"{PREFIX}ballots/m1.yaml": vote}, "m1", IN_VOTING) == []
