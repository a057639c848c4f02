package io.newsalert.alert.match;

import io.newsalert.alert.match.RequiredTerms.Clause;
import io.newsalert.alert.match.RequiredTerms.Condition;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

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
     * One branch of an owner's query (decomposed as Monitor does) and its place among the owner's
     * branches; the leaves its hits are at when the index decides it
     * ({@link RequiredTerms.Requirement#leaves}, null when it must be checked), and else its
     * {@link PositionCheck} (null when only Lucene can run it). The clauses are not kept: a million
     * branches' clauses would cost a third of the matcher's heap, for the rare delete.
     */
    record Branch<T>(T owner, int ordinal, Query query, List<RequiredTerms.Leaf> leaves, PositionCheck check) {
        boolean decided() {
            return leaves != null;
        }
    }

    /**
     * A posting entry: the branch id, how many clauses the branch has, and the clause (slot) of
     * its that the condition satisfies — {@code id << 4 | (clauses - 1) << 2 | slot}. With the
     * count in the entry, marking touches one array slot per entry (the branch's state), not three:
     * at 100,000 subscriptions the branches' state is megabytes, and each touch is a cache miss.
     */
    private static final int SLOT_BITS = 2;
    private static final int ENTRY_BITS = 2 * SLOT_BITS;
    private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;

    static {
        if (RequiredTerms.MAX_CLAUSES > 1 << SLOT_BITS) {
            throw new AssertionError("clause slots do not fit in " + SLOT_BITS + " bits");
        }
    }

    private static int entry(int id, int clauses, int slot) {
        return id << ENTRY_BITS | (clauses - 1) << SLOT_BITS | slot;
    }

    private final Map<String, FieldPostings> fields = new HashMap<>();
    /** Branches with no known requirement: candidates for every article. */
    private final Postings everywhere = new Postings(null, false);
    private final ArrayDeque<Integer> freeIds = new ArrayDeque<>();
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private Object[] branches = new Object[1024];
    private int next;
    private int count;

    /** Adds a branch with its requirement's clauses; the id it returns removes it. */
    int add(Branch<T> branch, List<Clause> clauses) {
        int id = freeIds.isEmpty() ? next++ : freeIds.pop();
        if (id >= branches.length) {
            int size = Math.max(id + 1, branches.length * 2);
            branches = Arrays.copyOf(branches, size);
        }
        branches[id] = branch;
        if (clauses.isEmpty()) {
            everywhere.add(entry(id, 1, 0));
        } else {
            for (int slot = 0; slot < clauses.size(); slot++) {
                for (Condition c : clauses.get(slot).conditions()) {
                    postingsFor(c).add(entry(id, clauses.size(), slot));
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
        if (clauses.isEmpty()) {
            everywhere.removeBranch(id);
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
                p.removeBranch(id);
                if (p.size == 0 && p.key != null) {
                    field.drop(p);
                }
            }
        }
        branches[id] = null;
        freeIds.push(id);
        count--;
    }

    int size() {
        return count;
    }

    private Postings postingsFor(Condition c) {
        FieldPostings field = fields.computeIfAbsent(c.field(), f -> new FieldPostings());
        return switch (c.kind()) {
            case TERM -> field.terms.computeIfAbsent(c.bytes(), b -> new Postings(b, false));
            case PREFIX -> field.prefixes.computeIfAbsent(c.bytes(), field::newPrefix);
            case ANY_TERM -> field.anyTerm;
        };
    }

    /**
     * The branches whose every clause the article satisfies, in no particular order: the article's
     * one-document index, and terms of fields that are not in it (its word pairs) by field.
     */
    @SuppressWarnings("unchecked")
    List<Branch<T>> candidates(LeafReader article, Map<String, ? extends Collection<BytesRef>> moreTerms) throws IOException {
        Scratch s = scratch.get();
        s.start(branches.length);
        s.mark(everywhere);
        BytesRef probe = new BytesRef();
        for (FieldInfo info : article.getFieldInfos()) {
            FieldPostings field = fields.get(info.name);
            Terms terms = field == null ? null : article.terms(info.name);
            if (terms == null) {
                continue;
            }
            s.mark(field.anyTerm);
            TermsEnum te = terms.iterator();
            for (BytesRef term = te.next(); term != null; term = te.next()) {
                markTerm(field, term, probe, s);
            }
        }
        for (Map.Entry<String, ? extends Collection<BytesRef>> more : moreTerms.entrySet()) {
            FieldPostings field = fields.get(more.getKey());
            if (field == null || more.getValue().isEmpty()) {
                continue;
            }
            s.mark(field.anyTerm);
            for (BytesRef term : more.getValue()) {
                markTerm(field, term, probe, s);
            }
        }
        List<Branch<T>> out = new ArrayList<>(s.found);
        for (int i = 0; i < s.found; i++) {
            out.add((Branch<T>) branches[s.candidates[i]]);
        }
        return out;
    }

    private void markTerm(FieldPostings field, BytesRef term, BytesRef probe, Scratch s) {
        Postings p = field.terms.get(term);
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
        final BytesTable<Postings> terms = new BytesTable<>();
        final BytesTable<Postings> prefixes = new BytesTable<>();
        final Postings anyTerm = new Postings(null, false);
        /** How many prefixes there are of each byte length. */
        int[] prefixesOfLength = new int[0];
        /** The byte lengths that some prefix has, ascending: the lengths an article's term is looked up by. */
        int[] prefixLengths = new int[0];

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

        void removeBranch(int id) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (entries[i] >>> ENTRY_BITS != id) {
                    entries[kept++] = entries[i];
                }
            }
            size = kept;
            if (size < entries.length / 4) {
                entries = Arrays.copyOf(entries, Math.max(1, size * 2));
            }
        }
    }

    /**
     * Per thread: which clauses of which branches the current article satisfied, one int per
     * branch — the article's stamp above {@value #MASK_BITS} bits of clause mask, so that a branch
     * last marked for an earlier article reads as unmarked without clearing the array.
     */
    private static final class Scratch {
        static final int MASK_BITS = 3;
        static final int MASK = (1 << MASK_BITS) - 1;
        int[] state = new int[0];
        int[] candidates = new int[64];
        int found;
        /** The current article's stamp, already shifted: {@code article << MASK_BITS}. */
        int stamp;

        void start(int branches) {
            if (state.length < branches) {
                state = Arrays.copyOf(state, branches);
            }
            stamp += 1 << MASK_BITS;
            if (stamp == 0) {
                // Wrapped after 2^29 articles: old stamps could read as current.
                Arrays.fill(state, 0);
                stamp = 1 << MASK_BITS;
            }
            found = 0;
        }

        void mark(Postings p) {
            int[] entries = p.entries;
            int[] state = this.state;
            int stamp = this.stamp;
            for (int i = 0, n = p.size; i < n; i++) {
                int e = entries[i];
                int id = e >>> ENTRY_BITS;
                int full = (1 << ((e >>> SLOT_BITS & SLOT_MASK) + 1)) - 1;
                int bit = 1 << (e & SLOT_MASK);
                int s = state[id];
                int before = (s & ~MASK) == stamp ? s & MASK : 0;
                if ((before & bit) == 0) {
                    state[id] = stamp | before | bit;
                    if ((before | bit) == full) {
                        if (found == candidates.length) {
                            candidates = Arrays.copyOf(candidates, found * 2);
                        }
                        candidates[found++] = id;
                    }
                }
            }
        }
    }
}
