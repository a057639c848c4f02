package io.newsalert.alert.match;

import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.analysis.WordPairs;
import io.newsalert.alert.match.RequiredTerms.Clause;
import io.newsalert.alert.match.RequiredTerms.Condition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

/**
 * Query branches indexed in memory by what an article must hold for them to match
 * ({@link RequiredTerms}), and per article the branches whose every clause it satisfies: a hash
 * lookup per distinct term of each of the article's fields (and per prefix length in use), where
 * Lucene Monitor ran a query over a Lucene index of all branches — at 100,000 subscriptions about
 * a million documents, and two thirds of an article's matching time whatever it held.
 *
 * <p>Not thread-safe for writes: the caller keeps {@link #add} and {@link #remove} from running
 * alongside {@link #candidates}, which may run in several threads at once.
 */
final class CandidateIndex<T> {

    /**
     * One branch of an owner's query (decomposed as Monitor does); the leaves its hits are at when the index decides it
     * ({@link RequiredTerms.Requirement#leaves}, null when it must be checked), and else its
     * {@link PositionCheck} (null when only Lucene can run it). The clauses are not kept: a million
     * branches' clauses would cost a third of the matcher's heap, for the rare delete. {@code order}
     * sorts the candidates by owner, and by the branch's place among the owner's, without reading the owner.
     */
    record Branch<T>(T owner, long order, Query query, List<RequiredTerms.Leaf> leaves, PositionCheck check) {
        boolean decided() {
            return leaves != null;
        }
    }

    /**
     * A posting entry. A branch of one clause with one condition (a word, a phrase's pair) is a
     * candidate as soon as that condition holds: its entry is {@code id << 1}. Any other branch
     * keeps, per article, which of its clauses held, in a slot of its own: its entry is
     * {@code slot << 5 | (clauses - 1) << 3 | clause << 1 | 1}. Slots number only those branches,
     * so their state is a small byte array that stays in the cache: at 100,000 subscriptions a
     * state per branch was megabytes, and marking waited on memory for every entry.
     */
    private static final int CLAUSE_BITS = 2;
    private static final int CLAUSE_MASK = (1 << CLAUSE_BITS) - 1;
    private static final int SLOT_SHIFT = 1 + 2 * CLAUSE_BITS;

    static {
        if (RequiredTerms.MAX_CLAUSES > 1 << CLAUSE_BITS) {
            throw new AssertionError("clauses do not fit in " + CLAUSE_BITS + " bits");
        }
    }

    private static int directEntry(int id) {
        return id << 1;
    }

    private static int slotEntry(int slot, int clauses, int clause) {
        return slot << SLOT_SHIFT | (clauses - 1) << (1 + CLAUSE_BITS) | clause << 1 | 1;
    }

    /** Whether the branch is a candidate on its one condition alone: a prefix is looked up once per word it starts, so it keeps a slot. */
    private static boolean direct(List<Clause> clauses) {
        return clauses.isEmpty() || clauses.size() == 1 && clauses.get(0).conditions().size() == 1
                && clauses.get(0).conditions().iterator().next().kind() != RequiredTerms.Kind.PREFIX;
    }

    private final Map<String, FieldPostings> fields = new HashMap<>();
    /** Branches with no known requirement: candidates for every article. */
    private final Postings everywhere = new Postings(null, false);
    private final ArrayDeque<Integer> freeIds = new ArrayDeque<>();
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private Object[] branches = new Object[1024];
    /** Per branch id: its state slot, or -1 for a direct branch. */
    private int[] slotOf = new int[1024];
    /** Per state slot: the branch id. */
    private int[] idOfSlot = new int[1024];
    private int next;
    private int nextSlot;
    private int count;

    /** Adds a branch with its requirement's clauses; the id it returns removes it. */
    int add(Branch<T> branch, List<Clause> clauses) {
        int id = freeIds.isEmpty() ? next++ : freeIds.pop();
        if (id >= branches.length) {
            int size = Math.max(id + 1, branches.length * 2);
            branches = Arrays.copyOf(branches, size);
            slotOf = Arrays.copyOf(slotOf, size);
        }
        branches[id] = branch;
        if (direct(clauses)) {
            slotOf[id] = -1;
            if (clauses.isEmpty()) {
                everywhere.add(directEntry(id));
            } else {
                postingsFor(clauses.get(0).conditions().iterator().next()).add(directEntry(id));
            }
        } else {
            int slot = freeSlots.isEmpty() ? nextSlot++ : freeSlots.pop();
            if (slot >= idOfSlot.length) {
                idOfSlot = Arrays.copyOf(idOfSlot, Math.max(slot + 1, idOfSlot.length * 2));
            }
            idOfSlot[slot] = id;
            slotOf[id] = slot;
            for (int clause = 0; clause < clauses.size(); clause++) {
                for (Condition c : clauses.get(clause).conditions()) {
                    postingsFor(c).add(slotEntry(slot, clauses.size(), clause));
                }
            }
        }
        count++;
        return id;
    }

    /** Removes a branch by the id {@link #add} gave it; its clauses are derived again rather than kept for a rare delete. */
    @SuppressWarnings("unchecked")
    void remove(int id) {
        List<Clause> clauses = RequiredTerms.requirement(((Branch<T>) branches[id]).query()).clauses();
        int slot = slotOf[id];
        if (clauses.isEmpty()) {
            everywhere.removeBranch(id, slot);
        }
        for (Clause clause : clauses) {
            for (Condition c : clause.conditions()) {
                FieldPostings field = fields.get(c.field());
                Postings p = switch (c.kind()) {
                    case TERM -> field.terms.get(c.bytes());
                    case PREFIX -> field.prefixes.get(c.bytes());
                    case ANY_TERM -> field.anyTerm;
                };
                // A condition in two clauses (a disjunction's child that has fewer clauses) was removed with the first.
                if (p == null) {
                    continue;
                }
                p.removeBranch(id, slot);
                if (p.size == 0 && p.key != null) {
                    field.drop(p);
                }
            }
        }
        branches[id] = null;
        freeIds.push(id);
        if (slot >= 0) {
            freeSlots.push(slot);
        }
        count--;
    }

    int size() {
        return count;
    }

    private Postings postingsFor(Condition c) {
        FieldPostings field = fields.computeIfAbsent(c.field(), FieldPostings::new);
        return switch (c.kind()) {
            case TERM -> field.terms.computeIfAbsent(c.bytes(), b -> new Postings(b, false));
            case PREFIX -> field.prefixes.computeIfAbsent(c.bytes(), field::newPrefix);
            case ANY_TERM -> field.anyTerm;
        };
    }

    /** The branches whose every clause the article satisfies, in no particular order: by the article's terms and word pairs, field by field. */
    @SuppressWarnings("unchecked")
    List<Branch<T>> candidates(ArticleTerms article) {
        Scratch s = scratch.get();
        s.start(nextSlot, idOfSlot);
        try {
            s.mark(everywhere);
            BytesRef probe = new BytesRef();
            BytesRef term = new BytesRef();
            BytesRefBuilder pair = new BytesRefBuilder();
            for (ArticleTerms.Field terms : article.fields()) {
                FieldPostings field = fields.get(terms.name);
                if (field != null && terms.size() > 0) {
                    s.mark(field.anyTerm);
                    for (int ord = 0, n = terms.size(); ord < n; ord++) {
                        // Hashed once, as the term was first seen.
                        markTerm(field, terms.term(ord, term), terms.hash(ord), probe, s);
                    }
                }
                ArticleTerms.Pairs pairs = terms.pairs();
                FieldPostings pairsField = pairs == null ? null : fields.get(terms.pairsField);
                if (pairsField == null || pairs.size() == 0) {
                    continue;
                }
                s.mark(pairsField.anyTerm);
                for (int i = 0, n = pairs.size(); i < n; i++) {
                    // Most pairs are in no phrase: the hash rules them out before their bytes are made.
                    int hash = pairs.hash(i);
                    if (pairsField.terms.mayHave(hash)) {
                        Postings p = pairsField.terms.get(pairs.bytes(i, terms, pair), hash);
                        if (p != null) {
                            s.mark(p);
                        }
                    }
                }
            }
            List<Branch<T>> out = new ArrayList<>(s.found);
            for (int i = 0; i < s.found; i++) {
                out.add((Branch<T>) branches[s.candidates[i]]);
            }
            return out;
        } finally {
            s.finish();
        }
    }

    private void markTerm(FieldPostings field, BytesRef term, int hashCode, BytesRef probe, Scratch s) {
        Postings p = field.terms.get(term, hashCode);
        if (p != null) {
            s.mark(p);
        }
        for (int length : field.prefixLengths) {
            if (length > term.length) {
                break;
            }
            probe.bytes = term.bytes;
            probe.offset = term.offset;
            probe.length = length;
            p = field.prefixes.get(probe);
            if (p != null) {
                s.mark(p);
            }
        }
    }

    private static final class FieldPostings {
        /** A pairs field's keys are found by {@link WordPairs#hash}, as the article's pairs are hashed. */
        final BytesTable<Postings> terms;
        final BytesTable<Postings> prefixes = new BytesTable<>();
        final Postings anyTerm = new Postings(null, false);
        /** How many prefixes there are of each byte length. */
        int[] prefixesOfLength = new int[0];
        /** The byte lengths that some prefix has, ascending: the lengths an article's term is looked up by. */
        int[] prefixLengths = new int[0];

        FieldPostings(String field) {
            terms = ArticleSchema.isPairsField(field) ? new BytesTable<>(WordPairs::hash) : new BytesTable<>();
        }

        Postings newPrefix(BytesRef prefix) {
            if (prefix.length >= prefixesOfLength.length) {
                prefixesOfLength = Arrays.copyOf(prefixesOfLength, prefix.length + 1);
            }
            prefixesOfLength[prefix.length]++;
            prefixLengths = lengthsInUse();
            return new Postings(prefix, true);
        }

        void drop(Postings p) {
            if (p.prefix) {
                prefixes.remove(p.key);
                prefixesOfLength[p.key.length]--;
                prefixLengths = lengthsInUse();
            } else {
                terms.remove(p.key);
            }
        }

        private int[] lengthsInUse() {
            return IntStream.range(0, prefixesOfLength.length).filter(l -> prefixesOfLength[l] > 0).toArray();
        }
    }

    /** The branch entries of one condition. */
    private static final class Postings {
        final BytesRef key;
        final boolean prefix;
        int[] entries = new int[1];
        int size;

        Postings(BytesRef key, boolean prefix) {
            this.key = key;
            this.prefix = prefix;
        }

        void add(int entry) {
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
            }
            entries[size++] = entry;
        }

        /** Drops the entries of a branch: by its id when direct ({@code slot} -1), else by its slot. */
        void removeBranch(int id, int slot) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                int e = entries[i];
                boolean its = slot < 0 ? e == directEntry(id) : (e & 1) == 1 && e >>> SLOT_SHIFT == slot;
                if (!its) {
                    entries[kept++] = e;
                }
            }
            size = kept;
            if (size < entries.length / 4) {
                entries = Arrays.copyOf(entries, Math.max(1, size * 2));
            }
        }
    }

    /**
     * Per thread: which clauses of which slotted branches the current article satisfied, a byte of
     * clause bits per slot, cleared after the article through the list of slots it touched.
     */
    private static final class Scratch {
        byte[] mask = new byte[0];
        int[] touched = new int[64];
        int touchedCount;
        int[] candidates = new int[64];
        int found;
        int[] idOfSlot;

        void start(int slots, int[] idOfSlot) {
            if (mask.length < slots) {
                mask = Arrays.copyOf(mask, slots);
            }
            this.idOfSlot = idOfSlot;
            found = 0;
        }

        void finish() {
            for (int i = 0; i < touchedCount; i++) {
                mask[touched[i]] = 0;
            }
            touchedCount = 0;
            idOfSlot = null;
        }

        void mark(Postings p) {
            int[] entries = p.entries;
            byte[] mask = this.mask;
            for (int i = 0, n = p.size; i < n; i++) {
                int e = entries[i];
                if ((e & 1) == 0) {
                    add(e >>> 1);
                    continue;
                }
                int slot = e >>> SLOT_SHIFT;
                int full = (1 << ((e >>> (1 + CLAUSE_BITS) & CLAUSE_MASK) + 1)) - 1;
                int bit = 1 << (e >>> 1 & CLAUSE_MASK);
                int before = mask[slot];
                if ((before & bit) == 0) {
                    if (before == 0) {
                        if (touchedCount == touched.length) {
                            touched = Arrays.copyOf(touched, touchedCount * 2);
                        }
                        touched[touchedCount++] = slot;
                    }
                    mask[slot] = (byte) (before | bit);
                    if ((before | bit) == full) {
                        add(idOfSlot[slot]);
                    }
                }
            }
        }

        private void add(int id) {
            if (found == candidates.length) {
                candidates = Arrays.copyOf(candidates, found * 2);
            }
            candidates[found++] = id;
        }
    }
}
