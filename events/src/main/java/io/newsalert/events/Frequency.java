package io.newsalert.events;

/** How often a subscriber hears about matches: at once, or collected into a digest. */
public enum Frequency { immediate, hourly, daily }
