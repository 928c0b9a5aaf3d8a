/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ytree: libyaml events assembled into a positioned tree (see ytree.h).
 *
 * A stack of open collections is kept while events arrive; each new node is
 * appended to the collection on top. Positions come from the event's
 * start_mark (0-based in libyaml, 1-based here).
 */
#include "ytree.h"

#include <string.h>
#include <yaml.h>

#include "../core/err.h"
#include "../core/mem.h"

static struct ynode *node_new(enum ynode_kind kind, const yaml_event_t *ev)
{
	struct ynode *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->line = (int)ev->start_mark.line + 1;
	n->col = (int)ev->start_mark.column + 1;
	return n;
}

static void node_append(struct ynode *parent, struct ynode *child)
{
	parent->items = xreallocarray(parent->items, parent->nitems + 1,
				      sizeof *parent->items);
	parent->items[parent->nitems++] = child;
}

void ytree_free(struct ynode *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->nitems; i++)
		ytree_free(n->items[i]);
	free(n->items);
	free(n->str);
	free(n);
}

static void fail_at(const yaml_mark_t *m, int *line, int *col)
{
	*line = (int)m->line + 1;
	*col = (int)m->column + 1;
}

/*
 * The byte offset in text of a libyaml mark. libyaml counts lines and
 * columns in characters (a Vietnamese letter is one, two or three bytes), so
 * its index is not a byte offset once a line above holds such letters.
 * Returns len when the mark lies past the text.
 */
static size_t mark_byte(const char *text, size_t len, const yaml_mark_t *m)
{
	size_t i = 0;

	for (size_t line = 0; line < m->line && i < len; i++)
		if (text[i] == '\n')
			line++;
	for (size_t c = 0; c < m->column && i < len && text[i] != '\n'; c++) {
		i++;
		while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/*
 * libyaml's problem in our words: what is wrong and how to fix it, with
 * where the enclosing block began when that helps. A problem we have no
 * words for is passed on as libyaml says it.
 */
static void yaml_problem(const yaml_parser_t *p, const char *text, size_t len, char **cause)
{
	static const struct { const char *problem, *vi, *en; } words[] = {
		{ "mapping values are not allowed",
		  "dấu ': ' không được đứng ở đây: một giá trị có dấu hai chấm phải đặt trong "
		  "ngoặc kép, hoặc dòng trên thiếu ':'",
		  "': ' is not allowed here: quote a value that holds a colon, or the line "
		  "above lacks its ':'" },
		{ "did not find expected key",
		  "thụt đầu dòng không khớp: khóa này phải thẳng cột với các khóa cùng cấp",
		  "the indentation does not match: this key must line up with its siblings" },
		{ "did not find expected '-' indicator",
		  "thụt đầu dòng không khớp trong danh sách: mỗi mục bắt đầu bằng '- ' ở cùng cột",
		  "the indentation does not match in a list: every item starts with '- ' in the "
		  "same column" },
		{ "block sequence entries are not allowed",
		  "'- ' không được ở đây: mục danh sách phải xuống dòng và thụt vào dưới khóa",
		  "'- ' is not allowed here: a list item goes on its own line, indented under "
		  "its key" },
		{ "tab", "có ký tự tab: YAML chỉ thụt đầu dòng bằng dấu cách",
		  "a tab character: YAML indents with spaces only" },
		{ "did not find expected ',' or '}'",
		  "thiếu ',' hoặc '}': dấu phẩy hay dấu hai chấm trong { } phải nằm trong ngoặc kép",
		  "',' or '}' expected: a comma or colon inside { } must be quoted" },
		{ "did not find expected ',' or ']'",
		  "thiếu ',' hoặc ']': dấu phẩy trong [ ] phải nằm trong ngoặc kép",
		  "',' or ']' expected: a comma inside [ ] must be quoted" },
		{ "found unexpected end of stream",
		  "tệp hết mà chưa đóng: thiếu dấu nháy đóng ('\"' hoặc \"'\") hoặc ngoặc ('}', ']')",
		  "the file ends inside something open: a closing quote or bracket is missing" },
		{ "found unknown escape character",
		  "'\\' lạ trong chuỗi nháy kép: dùng nháy đơn, hoặc viết '\\\\'",
		  "unknown escape after '\\' in a double-quoted text: use single quotes or write "
		  "'\\\\'" },
		{ "could not find expected ':'", "thiếu ':' sau khóa", "':' expected after the key" },
		{ "did not find expected node content", "thiếu giá trị ở đây", "a value is missing here" },
		{ "found character that cannot start any token",
		  "ký tự này không mở đầu được giá trị (` @ %): đặt giá trị trong ngoặc kép",
		  "this character cannot start a value (` @ %): quote the value" },
		{ "found undefined tag handle", "'!' mở đầu giá trị: đặt giá trị trong ngoặc kép",
		  "a value starting with '!': quote it" },
		{ "control characters are not allowed", "có ký tự điều khiển trong tệp",
		  "control characters in the file" },
	};
	const char *prob = p->problem ? p->problem : "?";
	size_t at = mark_byte(text, len, &p->problem_mark);

	/*
	 * libyaml says "cannot start any token" (or another problem) for a tab
	 * too: name it. The mark's index counts characters, not bytes, so the
	 * byte is found from its line and column.
	 */
	if (at < len && text[at] == '\t')
		prob = "tab";
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(prob, words[i].problem) != NULL) {
			if (p->context != NULL && p->context_mark.line != p->problem_mark.line)
				err_set(cause, ERR_INVALID, TR("%s (khối bắt đầu ở dòng %zu)",
					"%s (the block begins at line %zu)"), TR(words[i].vi, words[i].en),
					(size_t)p->context_mark.line + 1);
			else
				err_set(cause, ERR_INVALID, "%s", TR(words[i].vi, words[i].en));
			return;
		}
	err_set(cause, ERR_INVALID, "%s: %s", TR("lỗi cú pháp YAML", "YAML syntax error"), prob);
}

struct ynode *ytree_parse(const char *text, size_t len, int *line, int *col,
			  char **cause)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct ynode *stack[YTREE_MAX_DEPTH + 1];
	int depth = 0;
	size_t nodes = 0;
	struct ynode *root = NULL;
	int done = 0;

	*line = 1;
	*col = 1;
	if (!yaml_parser_initialize(&p)) {
		err_set(cause, ERR_INVALID, "%s", TR("không khởi tạo được bộ đọc YAML",
					       "cannot initialise the YAML parser"));
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);

	while (!done) {
		struct ynode *n = NULL;

		if (!yaml_parser_parse(&p, &ev)) {
			fail_at(&p.problem_mark, line, col);
			yaml_problem(&p, text, len, cause);
			goto fail;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (root != NULL) {
				fail_at(&ev.start_mark, line, col);
				err_set(cause, ERR_INVALID, "%s",
					TR("tệp chỉ được chứa một tài liệu YAML",
					   "a file must hold a single YAML document"));
				goto fail_ev;
			}
			break;
		case YAML_ALIAS_EVENT:
			fail_at(&ev.start_mark, line, col);
			err_set(cause, ERR_INVALID, "%s",
				TR("không hỗ trợ alias (*tên) trong biểu mẫu",
				   "aliases (*name) are not supported in forms"));
			goto fail_ev;
		case YAML_SCALAR_EVENT:
			n = node_new(YNODE_SCALAR, &ev);
			n->str = xstrndup((const char *)ev.data.scalar.value,
					  ev.data.scalar.length);
			n->len = ev.data.scalar.length;
			n->quoted = ev.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
				    ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
			n->block = ev.data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
				   ev.data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
			if (memchr(n->str, '\0', n->len) != NULL) {
				fail_at(&ev.start_mark, line, col);
				err_set(cause, ERR_INVALID, "%s",
					TR("văn bản chứa ký tự NUL", "text contains a NUL character"));
				ytree_free(n);
				goto fail_ev;
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
			n = node_new(YNODE_SEQ, &ev);
			break;
		case YAML_MAPPING_START_EVENT:
			n = node_new(YNODE_MAP, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		if (n != NULL) {
			int anchored = (ev.type == YAML_SCALAR_EVENT && ev.data.scalar.anchor) ||
				       (ev.type == YAML_SEQUENCE_START_EVENT &&
					ev.data.sequence_start.anchor) ||
				       (ev.type == YAML_MAPPING_START_EVENT &&
					ev.data.mapping_start.anchor);
			if (anchored || ++nodes > YTREE_MAX_NODES) {
				fail_at(&ev.start_mark, line, col);
				err_set(cause, ERR_INVALID, "%s", anchored
					? TR("không hỗ trợ anchor (&tên) trong biểu mẫu",
					     "anchors (&name) are not supported in forms")
					: TR("tệp có quá nhiều phần tử", "too many nodes in the file"));
				ytree_free(n);
				goto fail_ev;
			}
			if (depth == 0) {
				root = n;
			} else {
				node_append(stack[depth - 1], n);
			}
			if (n->kind != YNODE_SCALAR) {
				if (depth == YTREE_MAX_DEPTH) {
					fail_at(&ev.start_mark, line, col);
					err_set(cause, ERR_INVALID, "%s",
						TR("lồng nhau quá sâu", "nested too deeply"));
					goto fail_ev;
				}
				stack[depth++] = n;
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (root == NULL) {
		root = xcalloc(1, sizeof *root);
		root->kind = YNODE_MAP;
		root->line = root->col = 1;
	}
	return root;

fail_ev:
	yaml_event_delete(&ev);
fail:
	yaml_parser_delete(&p);
	ytree_free(root);
	return NULL;
}

size_t ynode_pairs(const struct ynode *map)
{
	return map->kind == YNODE_MAP ? map->nitems / 2 : 0;
}

const struct ynode *ynode_key(const struct ynode *map, size_t i)
{
	return map->items[2 * i];
}

const struct ynode *ynode_val(const struct ynode *map, size_t i)
{
	return map->items[2 * i + 1];
}

const struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	for (size_t i = 0; i < ynode_pairs(map); i++) {
		const struct ynode *k = ynode_key(map, i);
		if (k->kind == YNODE_SCALAR && strcmp(k->str, key) == 0)
			return ynode_val(map, i);
	}
	return NULL;
}
