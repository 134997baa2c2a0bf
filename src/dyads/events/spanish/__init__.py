"""The Spanish event coder: predicates of a UD-parsed Spanish sentence with a source and a target
actor, coded to CAMEO from the Spanish lexicon (``data/cameo/es/``).

Same interface and output as `dyads.events.coder.Coder.code_sentence`; the syntax is read through
`dyads.events.ud`. What Spanish does differently, and how it is read:

- dropped subjects: a verb with no subject takes the subject of its clause chain ("Rusia firmó
  el acuerdo y lo ratificó"), else, in the main clause, the last subject actor of the previous
  sentences of the document ("Rusia acusó a Ucrania. Además, amenazó con represalias.");
- passives: "fue firmado por Venezuela" and "se firmó ... por parte de X": the "por" phrase acts,
  the subject undergoes; with no "por" the act has no known author;
- "a" marks a person or state object ("condenó a Estados Unidos"); a clitic ("le otorgó") stands for
  the "a" phrase beside it or, alone, for the actor last named in the sentence;
- governed acts are not done acts: "amenazó con imponer aranceles" is the threat (coded on
  "amenazó"), "pidió que libere", "negó que atacara" are the request and the denial; "podría
  atacar" and conditionals are hypothetical; the future is intended;
- attribution: the subject of a governing reporting verb ("afirmó que", "aseguró que"), or the
  "según" / "de acuerdo con" phrase of the sentence;
- nominal events: event nouns with their author ("los ataques israelíes", "el ataque de Israel")
  and target ("sanciones contra Venezuela", "las conversaciones entre Rusia y China").
"""

from dyads.events.spanish.coder import SpanishCoder

__all__ = ["SpanishCoder"]
