"""The relations network: actors as nodes, directed edges weighted by cooperation and conflict.

Nodes are countries when known, else actor ids (the same key as `EventRow.source`). Events
without a target and self-relations (source == target) add no edge. With a story map, an edge
counts distinct stories (``stories``) as well as events, so ten reports of one happening do
not weigh ten times. Centrality: weighted in/out degree (by stories), PageRank and betweenness.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from dyads.analysis.rows import EventRow


@dataclass(frozen=True)
class EdgeStat:
    source: str
    target: str
    events: int
    stories: int
    cooperation: int  # QuadClass 1-2 events
    conflict: int  # QuadClass 3-4 events
    goldstein_sum: float
    goldstein_mean: float


@dataclass(frozen=True)
class NodeStat:
    actor: str
    out_weight: int
    in_weight: int
    pagerank: float
    betweenness: float


@dataclass(frozen=True)
class Network:
    nodes: tuple[NodeStat, ...]
    edges: tuple[EdgeStat, ...]


def edges(events: Sequence[EventRow], story_of: Mapping[str, str] | None = None) -> list[EdgeStat]:
    story_of = story_of or {}
    groups: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    for e in events:
        if e.target and e.target != e.source:
            groups[(e.source, e.target)].append(e)
    out = []
    for (s, t), es in sorted(groups.items()):
        gsum = round(sum(e.goldstein for e in es), 2)
        out.append(EdgeStat(s, t, len(es), len({story_of.get(e.event_id, e.event_id) for e in es}),
                            sum(1 for e in es if e.quad_class <= 2), sum(1 for e in es if e.quad_class >= 3),
                            gsum, round(gsum / len(es), 2)))
    return out


def graph(edge_stats: Sequence[EdgeStat]) -> Any:
    """A networkx DiGraph with edge attributes named as in `EdgeStat` and ``weight`` = stories."""
    g = nx.DiGraph()
    for e in edge_stats:
        g.add_edge(e.source, e.target, weight=e.stories, events=e.events, stories=e.stories, cooperation=e.cooperation,
                   conflict=e.conflict, goldstein_sum=e.goldstein_sum, goldstein_mean=e.goldstein_mean)
    return g


def pagerank(g: Any, damping: float = 0.85, iterations: int = 100, tol: float = 1e-10) -> dict[str, float]:
    """Weighted PageRank by power iteration (networkx's own needs scipy, which dyads does not require).

    Dangling nodes spread their rank uniformly; the result sums to 1.
    """
    nodes = list(g.nodes)
    n = len(nodes)
    rank = dict.fromkeys(nodes, 1.0 / n)
    out_w = {u: float(sum(d.get("weight", 1) for _, _, d in g.out_edges(u, data=True))) for u in nodes}
    for _ in range(iterations):
        dangling = damping * sum(rank[u] for u in nodes if out_w[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - damping) / n + dangling)
        for u, v, d in g.edges(data=True):
            new[v] += damping * rank[u] * d.get("weight", 1) / out_w[u]
        if sum(abs(new[u] - rank[u]) for u in nodes) < tol:
            return new
        rank = new
    return rank


def network(events: Sequence[EventRow], story_of: Mapping[str, str] | None = None) -> Network:
    return network_of(edges(events, story_of))


def network_of(es: Sequence[EdgeStat]) -> Network:
    """The network (centralities included) of edges already counted (`edges`, or `network_sql.edges_in_store`)."""
    g = graph(es)
    if g.number_of_nodes() == 0:
        return Network((), ())
    pr = pagerank(g)
    bt = nx.betweenness_centrality(g)
    nodes = [NodeStat(str(n), int(g.out_degree(n, weight="weight")), int(g.in_degree(n, weight="weight")),
                      round(float(pr[n]), 4), round(float(bt[n]), 4)) for n in g.nodes]
    nodes.sort(key=lambda n: (-n.pagerank, n.actor))
    return Network(tuple(nodes), tuple(sorted(es, key=lambda e: (-e.stories, -e.events, e.source, e.target))))
