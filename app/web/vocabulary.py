"""Interface words that come from data values, not from a template's text: claim kinds,
relations, layers, node types, citation fields. Templates translate them where they are
shown (`_(page.kind)`, `term(link.relation)`); `pybabel extract -k N_` finds them here.
tests/test_i18n.py checks that this list covers every vocabulary of app/dataset/schema.py.
"""

from __future__ import annotations

from app.web.i18n import N_

DATA_WORDS = (
    # claim kinds (app/dataset/schema.py CLAIM_KINDS)
    N_("thesis"),
    N_("premise"),
    N_("mechanism"),
    N_("definition"),
    N_("example"),
    N_("policy"),
    N_("authority-quote"),
    N_("background"),
    # argument, causal and cross-paper relations
    N_("supports"),
    N_("elaborates"),
    N_("exemplifies"),
    N_("contrasts"),
    N_("causes"),
    N_("enables"),
    N_("requires"),
    N_("increases"),
    N_("reduces"),
    N_("prevents"),
    N_("agrees"),
    N_("complements"),
    N_("extends"),
    N_("differs-in-emphasis"),
    # layers of the graph
    N_("structure"),
    N_("argument"),
    N_("causal"),
    N_("cross-paper"),
    N_("mentions"),
    N_("cites"),
    # a claim about the concept, in a concept page's neighbourhood map (app/pages/neighbourhood.py)
    N_("mentioned-by"),
    # the structure layer's relations (app/read/graph.py)
    N_("has-section"),
    N_("contains"),
    N_("lists"),
    # reference kinds
    N_("reference"),
    N_("footnote"),
    # node types and tour step kinds
    N_("paper"),
    N_("section"),
    N_("claim"),
    N_("concept"),
    N_("chain"),
    N_("graph"),
    N_("tour"),
    N_("step"),
    N_("guide"),
    N_("node"),
    N_("page"),
    N_("embeddable argmap page"),
    # who holds a chain besides one paper
    N_("both"),
    N_("combined"),
    # why an id was retired (app/dataset/redirects.py)
    N_("split"),
    N_("merged"),
    N_("renamed"),
    # a paper's cited fields the source may leave unstated (app/read/citation.py CITED_FIELDS)
    N_("journal"),
    N_("year"),
    N_("volume"),
    N_("issue"),
    N_("pages"),
    N_("doi"),
    # the guides' audiences (app/pages/guides.py)
    N_("students"),
    N_("instructors"),
    N_("researchers"),
    N_("editors"),
    # the about page's counts
    N_("claims"),
    N_("concepts"),
    N_("argument links"),
    N_("causal links"),
    N_("cross-paper links"),
    # errors whose words come from the web framework
    N_("Method Not Allowed"),
)
