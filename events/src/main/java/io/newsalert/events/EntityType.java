package io.newsalert.events;

/** Entity classes as in GermEval 2014 / CoNLL: person, organisation, location, miscellaneous. */
public enum EntityType { PER, ORG, LOC, MISC }
