"""The relations network as GEXF (Gephi) or GraphML (networkx, yEd, Gephi).

Nodes carry ``label``, ``pagerank``, ``betweenness``, ``out_weight`` and ``in_weight``; edges carry
``weight`` (distinct stories), ``events``, ``stories``, ``cooperation``, ``conflict``,
``goldstein_sum`` and ``goldstein_mean``. Both files read back with ``nx.read_gexf`` /
``nx.read_graphml``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import networkx as nx

from dyads.analysis.network import graph, network
from dyads.analysis.rows import load_events
from dyads.store.analysis_tables import story_of
from dyads.store.duck import Store


def network_graph(store: Store) -> Any:
    events = load_events(store)
    stories = story_of(store)
    net = network(events, stories)
    g = graph(net.edges)
    for n in net.nodes:
        g.nodes[n.actor].update(label=n.actor, pagerank=n.pagerank, betweenness=n.betweenness,
                                out_weight=n.out_weight, in_weight=n.in_weight)
    return g


def _write(store: Store, out: Path | None, fn: Any) -> int:
    g = network_graph(store)
    if out is None:
        buf = io.BytesIO()
        fn(g, buf)
        sys.stdout.write(buf.getvalue().decode("utf-8"))
    else:
        fn(g, str(out))
    return int(g.number_of_nodes())


def write_gexf(store: Store, out: Path | None, header: bool = False) -> int:
    return _write(store, out, nx.write_gexf)


def write_graphml(store: Store, out: Path | None, header: bool = False) -> int:
    return _write(store, out, nx.write_graphml)
