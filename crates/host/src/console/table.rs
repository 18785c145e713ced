//! `console.table`: the rows and columns node derives from the data, and its box drawing.
//!
//! Rows are the data's own enumerable keys (`(index)`), or an iteration index for Maps and Sets.
//! Columns are the union of the rows' own keys (integer-like keys first, then in order of first
//! appearance), or the `columns` argument; primitive rows fill a `Values` column. Cells are
//! inspected on one line: arrays at depth 0 with at most three items, objects at depth 0 (or
//! only their type when they have more than two keys).

use rquickjs::{Ctx, Exception, Result, Type, Value};

use crate::inspect::{self, Collection, Options, string_width, strip_vt_control_characters};

/// The table for `data` and the optional `columns` filter, or `None` if `data` is not an object
/// (node then logs it as it is).
///
/// # Errors
/// A TypeError if `columns` is given and not an array; exceptions thrown by getters of `data`.
pub(super) fn render<'js>(
    ctx: &Ctx<'js>,
    data: &Value<'js>,
    columns: Option<&Value<'js>>,
) -> Result<Option<String>> {
    let properties = match columns.filter(|c| !c.is_undefined()) {
        None => None,
        Some(columns) => {
            let Some(array) = columns.as_array() else {
                return Err(invalid_columns(ctx, columns));
            };
            let mut keys = Vec::with_capacity(array.len());
            for key in array.iter::<Value>() {
                keys.push(key?);
            }
            Some(keys)
        }
    };
    let Some(object) = data.as_object().filter(|_| !data.is_function()) else {
        return Ok(None);
    };
    let index = |n: usize| Some(inspect::number_to_string(n as f64));

    match inspect::collection(ctx, data)? {
        Some(Collection::Map(entries)) => {
            let mut keys = Vec::new();
            let mut values = Vec::new();
            for (key, value) in &entries {
                keys.push(Some(cell(ctx, key)?));
                values.push(Some(cell(ctx, value)?));
            }
            let indices = (0..entries.len()).map(index).collect();
            return Ok(Some(draw(
                &["(iteration index)", "Key", "Values"],
                &[indices, keys, values],
            )));
        }
        Some(Collection::Set(entries)) => {
            let mut values = Vec::new();
            for value in &entries {
                values.push(Some(cell(ctx, value)?));
            }
            let indices = (0..entries.len()).map(index).collect();
            return Ok(Some(draw(
                &["(iteration index)", "Values"],
                &[indices, values],
            )));
        }
        None => {}
    }

    let mut columns = Columns::default();
    let mut primitives: Vec<Option<String>> = Vec::new();
    let mut has_primitives = false;
    let row_keys: Vec<String> = object.keys::<String>().collect::<Result<_>>()?;
    for (row, row_key) in row_keys.iter().enumerate() {
        let item: Value = object.get(row_key.as_str())?;
        let primitive = item.is_null() || !item.is_object();
        if properties.is_none() && primitive {
            has_primitives = true;
            set(&mut primitives, row, cell(ctx, &item)?);
            continue;
        }
        let item_object = item.as_object();
        let keys: Vec<Value<'js>> = match (&properties, item_object) {
            (Some(properties), _) => properties.clone(),
            (None, Some(item)) => item.keys::<Value>().collect::<Result<_>>()?,
            (None, None) => Vec::new(),
        };
        for key in keys {
            let name = inspect::to_display_string(ctx, &key)?;
            let text = match item_object {
                Some(item) if !primitive && inspect::has_own(ctx, item, &key)? => {
                    cell(ctx, &item.get::<_, Value>(key.clone())?)?
                }
                _ => String::new(),
            };
            set(columns.entry(&name), row, text);
        }
    }

    let mut head = vec!["(index)".to_owned()];
    let mut values = vec![row_keys.into_iter().map(Some).collect::<Vec<_>>()];
    for (name, column) in columns.into_ordered() {
        head.push(name);
        values.push(column);
    }
    if has_primitives {
        head.push("Values".to_owned());
        values.push(primitives);
    }
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    Ok(Some(draw(&head, &values)))
}

/// Node's `ERR_INVALID_ARG_TYPE` TypeError for a `columns` argument that is not an array.
fn invalid_columns<'js>(ctx: &Ctx<'js>, columns: &Value<'js>) -> rquickjs::Error {
    let received = specific_type(ctx, columns);
    // Getters run while describing the value may have thrown; the TypeError is what counts.
    let _ = ctx.catch();
    let message =
        format!("The \"properties\" argument must be an instance of Array. Received {received}");
    let _ = Exception::throw_type(ctx, &message);
    let error = ctx.catch();
    if let Some(object) = error.as_object() {
        let _ = object.set("code", "ERR_INVALID_ARG_TYPE");
    }
    ctx.throw(error)
}

/// Node's `determineSpecificType`: how its argument errors describe the value they received.
fn specific_type<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> String {
    let display = |v: &Value<'js>| inspect::to_display_string(ctx, v).unwrap_or_default();
    match value.type_of() {
        Type::Null => "null".to_owned(),
        Type::Undefined | Type::Uninitialized => "undefined".to_owned(),
        Type::BigInt => format!("type bigint ({}n)", display(value)),
        Type::Int | Type::Float => {
            let n = value.as_number().unwrap_or(f64::NAN);
            let shown = if n == 0.0 && n.is_sign_negative() {
                "-0".to_owned()
            } else {
                inspect::number_to_string(n)
            };
            format!("type number ({shown})")
        }
        Type::Bool => format!("type boolean ({})", display(value)),
        Type::Symbol => format!("type symbol ({})", display(value)),
        Type::String => {
            let mut text = display(value);
            if text.encode_utf16().count() > 28 {
                let units: Vec<u16> = text.encode_utf16().take(25).collect();
                text = format!("{}...", String::from_utf16_lossy(&units));
            }
            if text.contains('\'') {
                let json = ctx.json_stringify(text.as_str()).ok().flatten();
                let json = json.and_then(|j| j.to_string().ok()).unwrap_or(text);
                format!("type string ({json})")
            } else {
                format!("type string ('{text}')")
            }
        }
        _ => {
            let object = value.as_object();
            if value.is_function() {
                let name: Option<Value> = object.and_then(|f| f.get("name").ok());
                return format!("function {}", name.map(|n| display(&n)).unwrap_or_default());
            }
            let constructor: Option<rquickjs::Object> = object
                .and_then(|o| o.get::<_, Value>("constructor").ok())
                .filter(inspect::truthy)
                .and_then(|c| c.into_object());
            let named = constructor.filter(|c| c.contains_key("name").unwrap_or(false));
            match named {
                Some(constructor) => {
                    let name: Value = constructor
                        .get("name")
                        .unwrap_or_else(|_| Value::new_undefined(ctx.clone()));
                    format!("an instance of {}", display(&name))
                }
                None => {
                    let options = Options {
                        depth: -1.0,
                        ..Options::default()
                    };
                    inspect::inspect_with(ctx, value, &options).unwrap_or_default()
                }
            }
        }
    }
}

/// A cell's text: inspected on one line with node's `console.table` options.
fn cell<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<String> {
    let wide_object = match value.as_object() {
        Some(object) if !value.is_function() && !inspect::is_array_like(ctx, value) => {
            object.keys::<Value>().count() > 2
        }
        _ => false,
    };
    let options = Options {
        depth: if wide_object { -1.0 } else { 0.0 },
        max_array_length: 3,
        break_length: f64::INFINITY,
        ..Options::default()
    };
    inspect::inspect_with(ctx, value, &options)
}

/// Sets `column[row]`, growing the (sparse) column as needed.
fn set(column: &mut Vec<Option<String>>, row: usize, text: String) {
    if column.len() <= row {
        column.resize(row + 1, None);
    }
    column[row] = Some(text);
}

/// The table's columns by name, in the order JS gives an object's keys: integer-like names in
/// ascending order, then the others in order of first appearance.
#[derive(Default)]
struct Columns {
    columns: Vec<(String, Vec<Option<String>>)>,
}

impl Columns {
    fn entry(&mut self, name: &str) -> &mut Vec<Option<String>> {
        let position = match self.columns.iter().position(|(n, _)| n == name) {
            Some(position) => position,
            None => {
                self.columns.push((name.to_owned(), Vec::new()));
                self.columns.len() - 1
            }
        };
        &mut self.columns[position].1
    }

    fn into_ordered(mut self) -> Vec<(String, Vec<Option<String>>)> {
        let index = |name: &str| -> Option<u32> {
            let canonical = name == "0" || (!name.starts_with('0') && !name.is_empty());
            name.parse::<u32>()
                .ok()
                .filter(|n| canonical && *n < u32::MAX)
        };
        // A stable sort keeps the other names in insertion order.
        self.columns
            .sort_by_key(|(name, _)| index(name).map_or((1, 0), |n| (0, n)));
        self.columns
    }
}

/// Node's `cli_table`: a box around `head` and the rows taken across `columns`; cells are
/// left-aligned.
fn draw(head: &[&str], columns: &[Vec<Option<String>>]) -> String {
    let width = |text: &str| string_width(&strip_vt_control_characters(text));
    let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
    let rows_count = columns.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows: Vec<Vec<&str>> = vec![Vec::with_capacity(head.len()); rows_count];
    for (i, column) in columns.iter().enumerate() {
        for (j, row) in rows.iter_mut().enumerate() {
            let value = column.get(j).and_then(Option::as_deref).unwrap_or("");
            widths[i] = widths[i].max(width(value));
            row.push(value);
        }
    }
    let render_row = |cells: &[&str]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w.saturating_sub(width(cell)))))
            .collect();
        format!("│ {} │", padded.join(" │ "))
    };
    let divider: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
    let mut out = format!("┌{}┐\n", divider.join("┬"));
    out.push_str(&render_row(head));
    out.push('\n');
    out.push_str(&format!("├{}┤\n", divider.join("┼")));
    for row in &rows {
        out.push_str(&render_row(row));
        out.push('\n');
    }
    out.push_str(&format!("└{}┘", divider.join("┴")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_left_aligned_boxes() {
        let table = draw(
            &["(index)", "a"],
            &[
                vec![Some("0".into()), Some("1".into())],
                vec![Some("1".into()), None],
            ],
        );
        let expected = "\
┌─────────┬───┐
│ (index) │ a │
├─────────┼───┤
│ 0       │ 1 │
│ 1       │   │
└─────────┴───┘";
        assert_eq!(table, expected);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let table = draw(&["w"], &[vec![Some("'\u{4e2d}'".into())]]);
        assert!(table.contains("│ '\u{4e2d}' │"));
        assert!(table.starts_with("┌──────┐"));
    }

    #[test]
    fn integer_like_columns_come_first() {
        let mut columns = Columns::default();
        for name in ["b", "10", "a", "2"] {
            columns.entry(name);
        }
        let names: Vec<String> = columns.into_ordered().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["2", "10", "b", "a"]);
    }
}
