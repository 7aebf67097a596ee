"""The built-in verb lists of the statement-writing rules (SF5xx).

Verbs are sorted into four bands of workplace mastery, after the revised Bloom taxonomy
(remember and understand, apply, analyse and evaluate, create) but read for work rather than
for school: what the holder of a role does, and with how much independence and reach.

1. recognises and follows: works under supervision, recalls, records and reports;
2. applies independently: carries out the work of the role on one's own;
3. analyses, evaluates and leads a team: judges complex cases, coaches others, improves practice;
4. sets direction: designs, establishes and governs across the organisation.

Many verbs sit well in more than one band (``explains`` at every level below the top, ``leads``
at the two highest), so each entry is a range of bands. A phrase such as ``build rapport`` may
have a band of its own that overrides its first word's. Every verb is written in its base form,
in one spelling: the other (``-ise``/``-ize``, ``-yse``/``-yze``) is found by the lookup.

The vague list holds the verbs and phrases that name no observable behaviour.
"""

from __future__ import annotations

#: A band's short description, as messages show it.
BAND_NAMES = {
    1: "recognises and follows",
    2: "applies independently",
    3: "analyses, evaluates or leads a team",
    4: "sets direction across the organisation",
}

#: Measurable verbs to suggest at each band, in their base form.
SUGGESTIONS = {
    1: ("identify", "describe", "follow", "record"),
    2: ("explain", "apply", "carry out", "compare"),
    3: ("analyse", "evaluate", "coordinate", "justify"),
    4: ("design", "establish", "set", "formulate"),
}

#: Bands of the built-in verbs: "low-high: verb, verb, ...". A phrase overrides its first word.
_BANDED = """
1-1: recall, recite, memorise, label, copy
1-2: identify, recognise, list, name, match, state, follow, record, note, notice, observe,
     log, read, locate, retrieve, tell, point out, outline, paraphrase, restate, sort, count,
     obtain, gather, check, confirm, reproduce, rehearse, practise, practice, look up,
     ask for, shadow, assist, complete, collect, inspect, scan, admit, report,
     describe, summarise, measure, show, ask, attend to, clarify, relay, repeat
1-3: explain, use, apply, carry out, select, verify, maintain, respond, communicate, lead on,
     compare, monitor, help, seek, volunteer, seek out,
     exchange, share, demonstrate, document, recover, persist, keep, prepare, build rapport,
     build trust, calculate, perform, conduct, handle, operate, administer, classify,
     distinguish, differentiate, discuss, discern, adjust, follow up, plan, regulate, deliver,
     write, present, interview, examine, test, question, ask about, listen, support, refer,
     escalate, uphold, exercise, treat, work, track, hand over, reassure, resist,
     establish rapport, establish contact, establish airway, establish trust
2-3: interpret, organise, schedule, solve, resolve, adapt, modify, arrange, implement, execute,
     manage, investigate, diagnose, troubleshoot, prioritise, assess, justify, recommend,
     advise, teach, train, guide, negotiate, infer, predict, estimate, critique, review,
     challenge, improvise, vary, pursue, model, advocate, decide, debrief, brief, allocate,
     delegate, orient, argue, explore, experiment, integrate, mediate, improve, coordinate,
     reconcile, appraise, triage, sustain, mentor
3-3: analyse, evaluate, supervise, coach, facilitate, audit, judge, arbitrate,
     synthesise, defend, moderate
3-4: lead, design, establish, formulate, champion, steer, redesign, optimise, refine, author,
     architect, standardise, sponsor, commission, orchestrate, oversee, devise, originate,
     pioneer, reform, transform, institutionalise, shape, set, negotiate agreements
4-4: institute, govern, envision, found, legislate, mandate, set direction, set policy,
     set standards, set strategy
2-4: create, develop, define, invent, construct, compose, innovate, initiate,
     influence, inspire, enable, embed, align, mobilise, broker, cultivate, drive, build,
     direct, promote
"""

#: Verbs and phrases that name no observable behaviour. Articles are ignored when matching.
VAGUE = (
    "understand",
    "know",
    "be aware of",
    "be aware",
    "become aware",
    "be familiar with",
    "become familiar with",
    "familiarise",
    "appreciate",
    "learn about",
    "learn",
    "comprehend",
    "grasp",
    "realise",
    "believe",
    "value",
    "internalise",
    "be conscious of",
    "be comfortable with",
    "have knowledge of",
    "have understanding of",
    "have awareness of",
    "have appreciation of",
    "have sense of",
    "gain understanding",
    "gain knowledge",
    "gain awareness",
    "develop understanding",
    "develop awareness",
    "develop appreciation",
    "demonstrate understanding",
    "demonstrate knowledge",
    "demonstrate awareness",
    "demonstrate appreciation",
    "show understanding",
    "show awareness",
    "recognise importance",
    "recognise value",
    "think about",
    "pay attention to",
)

#: Openings that name taking part or trying rather than what is done (SF514). Base forms;
#: articles are ignored when matching.
PARTICIPATION = (
    "work on",
    "work to",
    "work hard to",
    "strive to",
    "try to",
    "participate",
    "participate in",
    "take part in",
    "get involved",
    "get involved in",
    "be involved in",
    "be involved with",
    "keep up with",
    "keep up to date with",
    "stay up to date with",
    "be exposed to",
    "contribute",
    "contribute to",
    "attend",
    "join",
    "engage in",
    "be part of",
)

#: Openings that name a role or a quality held rather than behaviour (SF512), besides any
#: opening with "be" or "have".
STATES = ("act as", "serve as", "exemplify", "establish themself as", "establish themselves as")

#: Nouns that name knowing rather than doing: "demonstrates a clear understanding of", "has a
#: secure knowledge of", "deep understanding of" (SF501).
KNOWING = frozenset(
    {
        "understanding",
        "knowledge",
        "knowledgeable",
        "awareness",
        "aware",
        "appreciation",
        "grasp",
        "familiarity",
        "familiar",
        "comprehension",
        "insight",
    }
)

#: Words that open a statement with a quality or a role instead of a verb (SF512): "Proficient
#: in ...", "Trusted advisor ...", "Responsive to ...". Endings such as -ive, -able, -ous and
#: -ity count too.
QUALITIES = frozenset(
    {
        "able",
        "accountable",
        "active",
        "adept",
        "advisor",
        "capable",
        "champion",
        "competent",
        "comfortable",
        "committed",
        "confident",
        "dedicated",
        "deep",
        "efficient",
        "excellent",
        "expert",
        "fluent",
        "good",
        "great",
        "member",
        "owner",
        "passionate",
        "primary",
        "proficient",
        "reviewer",
        "secure",
        "skilled",
        "solid",
        "sound",
        "strong",
        "thorough",
        "working",
        "vocal",
        "well",
    }
)
QUALITY_ENDINGS = ("ive", "able", "ible", "ous", "ity", "ness", "ship", "ful", "ient")

#: Past participles that do not end in -ed: "has led", "has built", "made a habit of" (SF513).
PARTICIPLES = frozenset(
    {
        "been",
        "done",
        "made",
        "led",
        "read",
        "written",
        "wrote",
        "given",
        "gave",
        "taken",
        "took",
        "shown",
        "built",
        "run",
        "ran",
        "held",
        "taught",
        "brought",
        "found",
        "seen",
        "won",
        "begun",
        "began",
        "grown",
        "spent",
        "drove",
        "driven",
        "had",
    }
)

#: Common verbs with no band of their own: known so that their forms are read correctly.
_NEUTRAL = """
act, add, address, agree, allow, answer, approach, avoid, bandage, behave, bring, call, care,
carry, change, clean, close, consider, consult, continue, control, cover, deal, detain,
dispose, do, dress, earn, ensure, equip, express, fill, find,
finish, fit, focus, get, give, go, hold, immobilise, include, inform, lift, link, look,
make, meet, move, offer, open, pass, place, position, process, protect, provide, put,
raise, reach, reassess, receive, release, remain, remove, replace, request, restrain,
resuscitate, return, run, save, search, secure, see, seize, send, serve, set out, sign, speak,
splint, stabilise, start, stay, stock, stop, store, suction, take, talk, transfer, transport,
turn, ventilate, wear, apply pressure, auscultate, palpate, intubate, defibrillate, package,
load, unload, radio, restock, weigh, time, encourage, invite, welcome, thank, praise,
accept, own, flag, spot, hear, notify, alert, warn, weigh up, draw, draw on, balance,
embrace, respect, frame, phrase, word, sequence, pace, rotate, reward, recruit, hire, fund,
scale, invest, reduce, increase, set up, introduce, limit, prevent, capture, feed, reach out,
step in, step up, account, answer for, own up, commit, prepare for, book, file, submit, upload, comply,
supply, rely, reply, multiply, join, attend, participate, contribute, engage, strive, try,
exemplify, preside, live, merge, scope
"""


def _parse_banded(table: str) -> dict[str, tuple[int, int]]:
    result: dict[str, tuple[int, int]] = {}
    band = (1, 4)
    for line in table.strip().splitlines():
        head, sep, rest = line.partition(":")
        if sep and "-" in head and head.strip()[0].isdigit():
            low, high = head.strip().split("-")
            band = (int(low), int(high))
        else:
            rest = line
        for verb in rest.split(","):
            verb = " ".join(verb.split())
            if verb:
                result[verb] = band
    return result


BANDED: dict[str, tuple[int, int]] = _parse_banded(_BANDED)
NEUTRAL: frozenset[str] = frozenset(
    " ".join(v.split()) for v in _NEUTRAL.replace("\n", " ").split(",") if v.strip()
)


def _wrapped(items: list[str], indent: str, width: int = 96) -> str:
    import textwrap

    return textwrap.fill(", ".join(items), width, initial_indent=indent, subsequent_indent=indent)


def band_table() -> str:
    """The built-in verbs by band, as ``skillframe explain SF502`` shows them."""
    by_band: dict[tuple[int, int], list[str]] = {}
    for verb, band in BANDED.items():
        by_band.setdefault(band, []).append(verb)
    parts = []
    for (low, high), verbs in sorted(by_band.items()):
        span = f"band {low}" if low == high else f"bands {low} to {high}"
        parts.append(f"{span}:\n{_wrapped(sorted(verbs), '    ')}")
    return "\n\n".join(parts)


def vague_list() -> str:
    """The built-in vague verbs and phrases, as ``skillframe explain SF501`` shows them."""
    return _wrapped(list(VAGUE), "    ")
