/*
 * records: a small line-oriented tool, compiled to wasm32-wasi, that reads records through an
 * asynchronous JavaScript function as if it were an ordinary blocking call.
 *
 *   usage: records [COUNT]      (COUNT records, numbered from 0; default 500)
 *
 * Each record is one text line "id;item;category;quantity;price-in-cents". The tool keeps every
 * record on the heap, adds them up, prints a progress line every 100 records and a summary, and
 * exits with status 2 when some records could not be fetched (each one is reported on stderr),
 * 1 when its own checks fail, 64 for a bad COUNT.
 *
 * `fetch_record` is imported from JavaScript, where it awaits a timer before it answers: under
 * JSPI (WebAssembly.Suspending in records.mjs) every call suspends this whole C stack and resumes
 * it later. The point of the example is what survives those suspensions:
 *   - locals in Wasm locals (the running checksum, the loop counter);
 *   - data on the C stack in linear memory (the line buffer the import writes into, the totals
 *     struct, a canary array checked at the end);
 *   - heap data (a realloc-grown array of records whose text is re-checksummed at the end).
 * A record JavaScript fails to produce (a rejected promise) arrives here as a negative status,
 * and the message of the JavaScript error can be read with `fetch_error`.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("records"), import_name(name)))

/* Writes record `id` (without a line ending) into buf; returns its length in bytes, or a
 * negative status: FETCH_UNAVAILABLE when the JavaScript record store failed (rejected), or
 * FETCH_TOO_LONG when the record does not fit in `cap` bytes. Suspends under JSPI. */
IMPORT("fetch_record") int fetch_record(int id, char *buf, size_t cap);
/* Copies the message of the last failed fetch_record into buf, NUL-terminated and cut to fit;
 * returns the length copied. */
IMPORT("fetch_error") size_t fetch_error(char *buf, size_t cap);

enum { FETCH_UNAVAILABLE = -1, FETCH_TOO_LONG = -2 };

#define LINE_MAX_BYTES 128
#define CATEGORIES 5
#define CANARY_WORDS 64

static const char *const category_names[CATEGORIES] = {"tools", "garden", "kitchen", "toys",
                                                       "books"};

struct record {
    int id;
    int category;
    int quantity;
    long cents;
    char *item;   /* points into fields */
    char *fields; /* a heap copy of the line, split in place by parse_record */
    char *text;   /* the line as fetched, NUL-terminated, on the heap */
};

struct table {
    struct record *rows;
    size_t len, cap;
};

struct totals {
    int fetched, failed;
    long long quantity, value_cents;
    int per_category[CATEGORIES];
};

/* FNV-1a, 32 bits: the same function runs in records.mjs over the bytes it delivers. */
static uint32_t fnv1a(uint32_t hash, const char *bytes, size_t len) {
    for (size_t i = 0; i < len; i++) {
        hash ^= (unsigned char)bytes[i];
        hash *= 16777619u;
    }
    return hash;
}
#define FNV_OFFSET 2166136261u

/* The functions below take pointers to main's stack data and are kept out of line (and
 * external, so the optimiser cannot rewrite their signatures): the data they get must live in
 * linear memory, on the C stack that JSPI suspends. */

__attribute__((noinline)) void fill_canary(uint32_t *words, size_t n, uint32_t seed) {
    for (size_t i = 0; i < n; i++)
        words[i] = seed = seed * 1103515245u + 12345u;
}

__attribute__((noinline)) int canary_intact(const uint32_t *words, size_t n, uint32_t seed) {
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        if (words[i] != seed)
            return 0;
    }
    return 1;
}

/* Parses "id;item;category;quantity;cents" in place (the separators become NULs). */
__attribute__((noinline)) int parse_record(char *line, struct record *out) {
    char *field[5];
    char *p = line;
    for (int i = 0; i < 5; i++) {
        field[i] = p;
        p = strchr(p, ';');
        if ((p == NULL) != (i == 4))
            return 0;
        if (p)
            *p++ = '\0';
    }
    char *end;
    out->id = (int)strtol(field[0], &end, 10);
    if (*end)
        return 0;
    out->item = field[1];
    out->category = -1;
    for (int c = 0; c < CATEGORIES; c++)
        if (strcmp(field[2], category_names[c]) == 0)
            out->category = c;
    out->quantity = (int)strtol(field[3], &end, 10);
    if (*end || out->category < 0)
        return 0;
    out->cents = strtol(field[4], &end, 10);
    return *end == '\0';
}

__attribute__((noinline)) int add_record(struct table *table, struct totals *totals,
                                         const char *line, size_t len) {
    if (table->len == table->cap) {
        size_t cap = table->cap ? table->cap * 2 : 8;
        struct record *rows = realloc(table->rows, cap * sizeof *rows);
        if (!rows)
            return 0;
        table->rows = rows;
        table->cap = cap;
    }
    char *text = malloc(len + 1);
    char *scratch = malloc(len + 1);
    if (!text || !scratch) {
        free(text);
        free(scratch);
        return 0;
    }
    memcpy(text, line, len);
    text[len] = '\0';
    memcpy(scratch, text, len + 1);
    struct record r;
    if (!parse_record(scratch, &r)) {
        free(text);
        free(scratch);
        return 0;
    }
    r.fields = scratch;
    r.text = text;
    table->rows[table->len++] = r;
    totals->fetched++;
    totals->quantity += r.quantity;
    totals->value_cents += (long long)r.quantity * r.cents;
    totals->per_category[r.category]++;
    return 1;
}

static int by_value_desc(const void *a, const void *b) {
    const struct record *x = a, *y = b;
    long long vx = (long long)x->quantity * x->cents, vy = (long long)y->quantity * y->cents;
    return vx < vy ? 1 : vx > vy ? -1 : x->id - y->id;
}

int main(int argc, char **argv) {
    int count = 500;
    if (argc > 2 || (argc == 2 && ((count = atoi(argv[1])) <= 0 || count > 100000))) {
        fprintf(stderr, "usage: records [COUNT]   (1 <= COUNT <= 100000)\n");
        return 64;
    }

    uint32_t canary[CANARY_WORDS];
    fill_canary(canary, CANARY_WORDS, (uint32_t)count);
    struct totals totals = {0};
    struct table table = {0};
    char line[LINE_MAX_BYTES];
    uint32_t checksum = FNV_OFFSET;

    for (int id = 0; id < count; id++) {
        int n = fetch_record(id, line, sizeof line); /* suspends until JavaScript answers */
        if (n < 0) {
            char message[160];
            fetch_error(message, sizeof message);
            fprintf(stderr, "records: record %d: %s (status %d)\n", id, message, n);
            totals.failed++;
        } else {
            checksum = fnv1a(checksum, line, (size_t)n);
            if (!add_record(&table, &totals, line, (size_t)n) ||
                table.rows[table.len - 1].id != id) {
                fprintf(stderr, "records: record %d is malformed: %.*s\n", id, n, line);
                return 1;
            }
        }
        if ((id + 1) % 100 == 0)
            printf("%5d records read, %d unavailable, checksum %08x\n", id + 1, totals.failed,
                   checksum);
    }

    /* Everything below reads data written before hundreds of suspensions. */
    uint32_t again = FNV_OFFSET;
    for (size_t i = 0; i < table.len; i++)
        again = fnv1a(again, table.rows[i].text, strlen(table.rows[i].text));
    int stack_ok = canary_intact(canary, CANARY_WORDS, (uint32_t)count);
    int heap_ok = again == checksum;

    printf("records: %d fetched, %d unavailable\n", totals.fetched, totals.failed);
    printf("quantity %lld, value %lld.%02lld\n", totals.quantity, totals.value_cents / 100,
           totals.value_cents % 100);
    for (int c = 0; c < CATEGORIES; c++)
        printf("  %-8s %d\n", category_names[c], totals.per_category[c]);
    qsort(table.rows, table.len, sizeof *table.rows, by_value_desc);
    for (size_t i = 0; i < table.len && i < 3; i++)
        printf("top %zu: #%d %s (%d x %ld.%02ld)\n", i + 1, table.rows[i].id, table.rows[i].item,
               table.rows[i].quantity, table.rows[i].cents / 100, table.rows[i].cents % 100);
    printf("checksum %08x; stack canary %s; heap re-checksum %s\n", checksum,
           stack_ok ? "intact" : "DAMAGED", heap_ok ? "matches" : "DIFFERS");

    for (size_t i = 0; i < table.len; i++) {
        free(table.rows[i].text);
        free(table.rows[i].fields);
    }
    free(table.rows);
    if (!stack_ok || !heap_ok)
        return 1;
    return totals.failed ? 2 : 0;
}
