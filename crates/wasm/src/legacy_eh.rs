//! Legacy exception handling, translated to the standard form.
//!
//! Emscripten and LLVM still emit the legacy instructions (`try`, `catch`, `catch_all`,
//! `rethrow`, `delegate`, [legacy proposal]) by default, and the public JSPI conformance tests
//! use them; wasmtime runs only the standard `try_table` / `throw_ref` form. A module that
//! wasmtime rejects is validated again with the legacy feature on and, if that succeeds, its
//! function bodies are rewritten here and the result compiled instead. Modules without legacy
//! instructions never reach this file, so they pay nothing for it.
//!
//! # The translation
//!
//! Only control structure changes; every other instruction is copied byte for byte, and branch
//! depths are renumbered for the blocks the translation adds.
//!
//! A `try` with catch clauses becomes one block per clause around a `try_table` whose clauses
//! branch to them; each handler runs after the end of its block, and the outermost block stands
//! for the `try`'s label (so `br` to the `try`, from its body or a handler, keeps its meaning):
//!
//! ```text
//! try (param P) (result R)       block $try (param P) (result R)
//!   body                           block $c2 (param P) (result exnref)
//! catch $t                           block $c1 (param P) (result T exnref)
//!   h1                                 try_table (param P) (result R)
//! catch_all                                (catch_ref $t $c1) (catch_all_ref $c2)
//!   h2                                   body
//! end                                  end
//!                                      br $try
//!                                    end
//!                                    local.set $exn   ;; (T is left for h1)
//!                                    h1
//!                                    br $try
//!                                  end
//!                                  local.set $exn
//!                                  h2
//!                                end
//! ```
//!
//! `rethrow` becomes `local.get $exn; throw_ref`. The exception reference is kept (`catch_ref`
//! rather than `catch`) only for `try`s that some `rethrow` targets; there is one `exnref` local
//! per nesting depth of handlers, which is all a `rethrow` can see.
//!
//! `try ... delegate $l` hands an exception from its body to the handlers in effect at `$l`: the
//! first enclosing `try` body (or `try_table`) at or outside `$l`, or the caller. When that is
//! also the first one enclosing the `delegate` itself, nothing is skipped and the `try` is just a
//! block. Otherwise the target gets a landing pad, an inner block that receives the exception
//! reference and rethrows it from inside the target's body; the `try` becomes a `try_table`
//! whose `catch_all_ref` branches to that pad:
//!
//! ```text
//! try_table (param P) (result R) (catch ...)   ;; the target, or the function body
//!   block $pad (param P) (result exnref)
//!     body                                      ;; ... try_table (catch_all_ref $pad) ... end
//!     br 1
//!   end
//!   throw_ref
//! end
//! ```
//!
//! [legacy proposal]: https://github.com/WebAssembly/exception-handling/blob/main/proposals/exception-handling/legacy/Exceptions.md

use std::collections::HashMap;
use std::ops::Range;

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{Encode, Instruction};
use wasmparser::{
    BinaryReaderError, BlockType, CompositeInnerType, Encoding, FunctionBody, Operator, Parser,
    Payload, TypeRef, ValType, Validator, WasmFeatures,
};

/// The features baton's engine enables (see `engine.rs`), plus legacy exception handling.
fn features() -> WasmFeatures {
    WasmFeatures::default()
        | WasmFeatures::THREADS
        | WasmFeatures::STACK_SWITCHING
        | WasmFeatures::EXCEPTIONS
        | WasmFeatures::LEGACY_EXCEPTIONS
}

/// Validates `bytes` with legacy exception handling allowed and rewrites every function that uses
/// it into the standard form.
///
/// Returns `Ok(None)` when there is nothing to translate (the module uses no legacy instruction,
/// or is not a core module).
///
/// # Errors
/// The validator's message (with the byte offset in `bytes`) if the module is invalid even with
/// legacy exception handling.
pub(crate) fn translate(bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    Validator::new_with_features(features())
        .validate_all(bytes)
        .map_err(|e| e.to_string())?;
    translate_valid(bytes).map_err(|e| format!("legacy exception handling translation: {e}"))
}

/// Failures of the translation itself. On a validated module none is expected; they are reported
/// rather than trusted not to happen.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error("{0}")]
    Read(#[from] BinaryReaderError),
    #[error("cannot encode: {0}")]
    Encode(String),
    #[error("unexpected structure: {0}")]
    Structure(&'static str),
}

impl<E: std::fmt::Debug> From<wasm_encoder::reencode::Error<E>> for Failure {
    fn from(e: wasm_encoder::reencode::Error<E>) -> Self {
        Failure::Encode(format!("{e:?}"))
    }
}

fn translate_valid(bytes: &[u8]) -> Result<Option<Vec<u8>>, Failure> {
    let mut types = Types::default();
    let mut bodies = Vec::new();
    // The type of each function defined here, in code section order.
    let mut functions = Vec::new();
    let mut changed = false;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::Version {
                encoding: Encoding::Component,
                ..
            } => return Ok(None),
            Payload::TypeSection(reader) => {
                for group in reader {
                    for sub in group?.into_types() {
                        types.existing.push(match sub.composite_type.inner {
                            CompositeInnerType::Func(f) => {
                                Some((f.params().to_vec(), f.results().to_vec()))
                            }
                            _ => None,
                        });
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if let TypeRef::Tag(tag) = import?.ty {
                        types.tags.push(tag.func_type_idx);
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    functions.push(ty?);
                }
            }
            Payload::TagSection(reader) => {
                for tag in reader {
                    types.tags.push(tag?.func_type_idx);
                }
            }
            Payload::CodeSectionEntry(body) => {
                let ty = *functions
                    .get(bodies.len())
                    .ok_or(Failure::Structure("more bodies than functions"))?;
                let params = types.signature(ty)?.0.len();
                let translated = translate_body(bytes, &body, params, &mut types)?;
                changed |= translated.is_some();
                bodies.push(translated.unwrap_or_else(|| slice(bytes, body.range()).to_vec()));
            }
            _ => {}
        }
    }
    if !changed {
        return Ok(None);
    }

    let mut out = bytes[..8].to_vec();
    let mut wrote_types = false;
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload?;
        let Some((id, range)) = payload.as_section() else {
            continue;
        };
        let data = slice(bytes, range);
        // A missing type section is added before the first section that must follow it.
        if !wrote_types && id != 0 && !types.added.is_empty() && id != 1 {
            write_section(&mut out, 1, &types.section(&[])?);
            wrote_types = true;
        }
        match payload {
            Payload::TypeSection(_) if !types.added.is_empty() => {
                write_section(&mut out, 1, &types.section(data)?);
                wrote_types = true;
            }
            Payload::CodeSectionStart { .. } => {
                let mut section = Vec::new();
                leb(&mut section, bodies.len() as u64);
                for body in &bodies {
                    leb(&mut section, body.len() as u64);
                    section.extend_from_slice(body);
                }
                write_section(&mut out, id, &section);
            }
            _ => write_section(&mut out, id, data),
        }
    }
    Ok(Some(out))
}

fn slice(bytes: &[u8], range: Range<u64>) -> &[u8] {
    &bytes[range.start as usize..range.end as usize]
}

fn leb(out: &mut Vec<u8>, value: u64) {
    value.encode(out);
}

fn write_section(out: &mut Vec<u8>, id: u8, data: &[u8]) {
    out.push(id);
    leb(out, data.len() as u64);
    out.extend_from_slice(data);
}

/// The module's function types and tags, and the function types the translation adds.
#[derive(Default)]
struct Types {
    /// Parameters and results of every existing type index (`None`: not a function type).
    existing: Vec<Option<(Vec<ValType>, Vec<ValType>)>>,
    /// The function type index of every tag, imported ones first.
    tags: Vec<u32>,
    /// Types appended after the existing ones, in order.
    added: Vec<(Vec<ValType>, Vec<ValType>)>,
    added_index: HashMap<(Vec<ValType>, Vec<ValType>), u32>,
}

impl Types {
    fn signature(&self, index: u32) -> Result<&(Vec<ValType>, Vec<ValType>), Failure> {
        match self.existing.get(index as usize) {
            Some(Some(signature)) => Ok(signature),
            _ => Err(Failure::Structure(
                "block or tag type is not a function type",
            )),
        }
    }

    fn params(&self, ty: BlockType) -> Result<Vec<ValType>, Failure> {
        Ok(match ty {
            BlockType::Empty | BlockType::Type(_) => Vec::new(),
            BlockType::FuncType(index) => self.signature(index)?.0.clone(),
        })
    }

    fn tag_params(&self, tag: u32) -> Result<Vec<ValType>, Failure> {
        let index = *self
            .tags
            .get(tag as usize)
            .ok_or(Failure::Structure("unknown tag"))?;
        Ok(self.signature(index)?.0.clone())
    }

    /// The block type `params -> results`, adding a function type when it needs one.
    fn block(
        &mut self,
        params: Vec<ValType>,
        results: Vec<ValType>,
    ) -> Result<wasm_encoder::BlockType, Failure> {
        if params.is_empty() {
            match results.as_slice() {
                [] => return Ok(wasm_encoder::BlockType::Empty),
                [one] => return Ok(wasm_encoder::BlockType::Result(val_type(*one)?)),
                _ => {}
            }
        }
        let key = (params, results);
        if let Some(&index) = self.added_index.get(&key) {
            return Ok(wasm_encoder::BlockType::FunctionType(index));
        }
        let index = u32::try_from(self.existing.len() + self.added.len())
            .map_err(|_| Failure::Structure("too many types"))?;
        self.added.push(key.clone());
        self.added_index.insert(key, index);
        Ok(wasm_encoder::BlockType::FunctionType(index))
    }

    /// The type section: the existing one's entries (`existing`, its raw contents) followed by
    /// the added function types, each its own recursion group.
    fn section(&self, existing: &[u8]) -> Result<Vec<u8>, Failure> {
        let mut reader = wasmparser::BinaryReader::new(existing, 0);
        let count = if existing.is_empty() {
            0
        } else {
            reader.read_var_u32()?
        };
        let mut out = Vec::new();
        leb(&mut out, u64::from(count) + self.added.len() as u64);
        out.extend_from_slice(&existing[reader.current_position()..]);
        for (params, results) in &self.added {
            out.push(0x60);
            leb(&mut out, params.len() as u64);
            for &ty in params {
                val_type(ty)?.encode(&mut out);
            }
            leb(&mut out, results.len() as u64);
            for &ty in results {
                val_type(ty)?.encode(&mut out);
            }
        }
        Ok(out)
    }
}

fn val_type(ty: ValType) -> Result<wasm_encoder::ValType, Failure> {
    Ok(RoundtripReencoder.val_type(ty)?)
}

fn block_type(ty: BlockType) -> Result<wasm_encoder::BlockType, Failure> {
    Ok(RoundtripReencoder.block_type(ty)?)
}

/// What the first pass learns about one block-like instruction (`block`, `loop`, `if`, `try`,
/// `try_table`; index 0 is the function body).
#[derive(Default, Clone)]
struct Construct {
    /// A legacy `try`'s catch clauses: `Some(tag)`, or `None` for `catch_all`.
    clauses: Vec<Option<u32>>,
    /// A `try ... delegate`'s target construct, or `None` when the delegate skips nothing.
    delegate: Option<Option<usize>>,
    /// Some `rethrow` refers to this `try`'s handlers.
    rethrown: bool,
    /// Some `delegate` lands here: the construct gets a landing pad.
    pad: bool,
    /// The handler nesting depth of this `try`'s handlers (which `exnref` local they use).
    slot: u32,
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// `block`, `loop`, `if`: exceptions pass through.
    Plain,
    /// The body of a legacy `try`, a `try_table`, or the function: where exceptions are caught
    /// (or, for the function, leave it).
    Catching,
    /// The handlers of a legacy `try`.
    Handler,
}

/// First pass: the constructs, their catch clauses and delegate targets. `None` if the body has
/// no legacy instruction.
fn survey(body: &FunctionBody) -> Result<Option<(Vec<Construct>, u32)>, Failure> {
    let mut constructs = vec![Construct::default()];
    let mut stack = vec![(0usize, Part::Catching)];
    let mut legacy = false;
    let mut slots = 0;
    let mut reader = body.get_operators_reader()?;
    while !reader.eof() {
        let op = reader.read()?;
        let mut open = |part| {
            constructs.push(Construct::default());
            stack.push((constructs.len() - 1, part));
        };
        match op {
            Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } => {
                open(Part::Plain)
            }
            Operator::TryTable { .. } => open(Part::Catching),
            Operator::Try { .. } => {
                legacy = true;
                open(Part::Catching);
            }
            Operator::Catch { tag_index } => catch(&mut stack, &mut constructs, Some(tag_index))?,
            Operator::CatchAll => catch(&mut stack, &mut constructs, None)?,
            Operator::Rethrow { relative_depth } => {
                let (index, _) = frame(&stack, relative_depth)?;
                constructs[index].rethrown = true;
                slots = slots.max(constructs[index].slot + 1);
            }
            Operator::Delegate { relative_depth } => {
                let (index, _) = stack.pop().ok_or(Failure::Structure("delegate"))?;
                let depth = usize::try_from(relative_depth).unwrap_or(usize::MAX);
                let label = stack
                    .len()
                    .checked_sub(1 + depth)
                    .ok_or(Failure::Structure("delegate depth"))?;
                let catching = |upto: usize| {
                    stack[..=upto]
                        .iter()
                        .rposition(|&(_, part)| part == Part::Catching)
                        .map(|at| stack[at].0)
                };
                let target = catching(label).ok_or(Failure::Structure("delegate target"))?;
                let innermost = catching(stack.len() - 1);
                if innermost == Some(target) {
                    constructs[index].delegate = Some(None);
                } else {
                    constructs[index].delegate = Some(Some(target));
                    constructs[target].pad = true;
                }
            }
            Operator::End => {
                stack.pop();
            }
            _ => {}
        }
    }
    Ok(legacy.then_some((constructs, slots)))
}

/// Enters a catch clause of the innermost legacy `try`.
fn catch(
    stack: &mut [(usize, Part)],
    constructs: &mut [Construct],
    tag: Option<u32>,
) -> Result<(), Failure> {
    let depth = stack.iter().filter(|(_, p)| *p == Part::Handler).count();
    let (index, part) = stack.last_mut().ok_or(Failure::Structure("catch"))?;
    if *part == Part::Catching {
        constructs[*index].slot = depth as u32;
    }
    *part = Part::Handler;
    constructs[*index].clauses.push(tag);
    Ok(())
}

fn frame<T: Copy>(stack: &[T], relative_depth: u32) -> Result<T, Failure> {
    let depth = usize::try_from(relative_depth).unwrap_or(usize::MAX);
    stack
        .len()
        .checked_sub(1 + depth)
        .map(|at| stack[at])
        .ok_or(Failure::Structure("branch depth"))
}

/// How an original construct was rewritten.
#[derive(Clone, Copy)]
enum Shape {
    /// Copied as is (`block`, `loop`, `if`, `try_table`, a `try` turned into a `block`, and the
    /// function body).
    Same,
    /// A legacy `try` with `n` catch clauses, `seen` of which have started.
    Catch { n: usize, seen: usize },
}

/// An open original construct during the second pass.
#[derive(Clone, Copy)]
struct Open {
    construct: usize,
    /// The output block (absolute nesting index) that branches to this construct target.
    label: usize,
    /// The output nesting index of its landing pad, while open.
    pad: Option<usize>,
    shape: Shape,
}

/// Second pass: writes the translated body.
struct Writer<'a> {
    bytes: &'a [u8],
    constructs: Vec<Construct>,
    /// The first added `exnref` local.
    exn_base: u32,
    out: Vec<u8>,
    open: Vec<Open>,
    /// How many output blocks are open, the function body included.
    depth: usize,
}

impl Writer<'_> {
    fn emit(&mut self, instruction: Instruction<'_>) {
        instruction.encode(&mut self.out);
    }

    /// Opens an output block-like instruction.
    fn enter(&mut self, instruction: Instruction<'_>) -> usize {
        self.emit(instruction);
        self.depth += 1;
        self.depth - 1
    }

    fn end(&mut self) {
        self.emit(Instruction::End);
        self.depth -= 1;
    }

    /// The output branch depth of absolute nesting index `label`.
    fn relative(&self, label: usize) -> Result<u32, Failure> {
        self.depth
            .checked_sub(1 + label)
            .and_then(|d| u32::try_from(d).ok())
            .ok_or(Failure::Structure("label"))
    }

    /// The output branch depth for an original branch depth.
    fn label(&self, relative_depth: u32) -> Result<u32, Failure> {
        let open = frame(&self.open, relative_depth)?;
        self.relative(open.label)
    }

    /// Opens construct `construct`'s landing pad when a `delegate` targets it.
    fn open_pad(
        &mut self,
        construct: usize,
        params: Vec<ValType>,
        types: &mut Types,
    ) -> Result<Option<usize>, Failure> {
        if !self.constructs[construct].pad {
            return Ok(None);
        }
        let ty = types.block(params, vec![ValType::EXNREF])?;
        Ok(Some(self.enter(Instruction::Block(ty))))
    }

    /// Closes the innermost construct's landing pad: results go to the construct's end, the
    /// exception reference is thrown again from inside it.
    fn close_pad(&mut self) -> Result<(), Failure> {
        let top = self.open.last_mut().ok_or(Failure::Structure("pad"))?;
        if top.pad.take().is_some() {
            self.emit(Instruction::Br(1));
            self.end();
            self.emit(Instruction::ThrowRef);
        }
        Ok(())
    }

    fn push(&mut self, construct: usize, label: usize, shape: Shape) {
        self.open.push(Open {
            construct,
            label,
            pad: None,
            shape,
        });
    }

    fn set_pad(&mut self, pad: Option<usize>) {
        if let Some(top) = self.open.last_mut() {
            top.pad = pad;
        }
    }
}

fn translate_body(
    bytes: &[u8],
    body: &FunctionBody,
    params: usize,
    types: &mut Types,
) -> Result<Option<Vec<u8>>, Failure> {
    let Some((constructs, slots)) = survey(body)? else {
        return Ok(None);
    };

    // Locals: the original groups, then the `exnref` locals `rethrow` needs.
    let mut locals = body.get_locals_reader()?;
    let mut local_count = params as u64;
    let groups = locals.get_count();
    for _ in 0..groups {
        local_count += u64::from(locals.read()?.0);
    }
    let locals_end = locals.original_position();
    let mut out = Vec::new();
    leb(&mut out, u64::from(groups) + u64::from(slots > 0));
    let mut groups_reader = body.get_binary_reader();
    groups_reader.read_var_u32()?;
    out.extend_from_slice(slice(bytes, groups_reader.original_position()..locals_end));
    if slots > 0 {
        leb(&mut out, u64::from(slots));
        wasm_encoder::ValType::EXNREF.encode(&mut out);
    }
    let exn_base = u32::try_from(local_count).map_err(|_| Failure::Structure("too many locals"))?;

    let mut w = Writer {
        bytes,
        constructs,
        exn_base,
        out,
        open: Vec::new(),
        depth: 1,
    };
    w.push(0, 0, Shape::Same);
    let pad = w.open_pad(0, Vec::new(), types)?;
    w.set_pad(pad);

    let mut next = 1;
    let mut reader = body.get_operators_reader()?;
    while !reader.eof() {
        let start = reader.original_position();
        let op = reader.read()?;
        let raw = slice(w.bytes, start..reader.original_position());
        match op {
            Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } => {
                w.out.extend_from_slice(raw);
                w.depth += 1;
                w.push(next, w.depth - 1, Shape::Same);
                next += 1;
            }
            Operator::TryTable { try_table } => {
                let mut catches = Vec::with_capacity(try_table.catches.len());
                for catch in &try_table.catches {
                    catches.push(match *catch {
                        wasmparser::Catch::One { tag, label } => wasm_encoder::Catch::One {
                            tag,
                            label: w.label(label)?,
                        },
                        wasmparser::Catch::OneRef { tag, label } => wasm_encoder::Catch::OneRef {
                            tag,
                            label: w.label(label)?,
                        },
                        wasmparser::Catch::All { label } => wasm_encoder::Catch::All {
                            label: w.label(label)?,
                        },
                        wasmparser::Catch::AllRef { label } => wasm_encoder::Catch::AllRef {
                            label: w.label(label)?,
                        },
                    });
                }
                let label = w.enter(Instruction::TryTable(
                    block_type(try_table.ty)?,
                    catches.into(),
                ));
                w.push(next, label, Shape::Same);
                let pad = w.open_pad(next, types.params(try_table.ty)?, types)?;
                w.set_pad(pad);
                next += 1;
            }
            Operator::Try { blockty } => {
                let construct = w.constructs[next].clone();
                let ty = block_type(blockty)?;
                let params = types.params(blockty)?;
                if !construct.clauses.is_empty() {
                    let label = w.enter(Instruction::Block(ty));
                    let mut catches = Vec::with_capacity(construct.clauses.len());
                    for (k, clause) in construct.clauses.iter().enumerate().rev() {
                        let mut results = match clause {
                            Some(tag) => types.tag_params(*tag)?,
                            None => Vec::new(),
                        };
                        if construct.rethrown {
                            results.push(ValType::EXNREF);
                        }
                        let clause_ty = types.block(params.clone(), results)?;
                        w.enter(Instruction::Block(clause_ty));
                        let label = k as u32;
                        catches.push(match (*clause, construct.rethrown) {
                            (Some(tag), false) => wasm_encoder::Catch::One { tag, label },
                            (Some(tag), true) => wasm_encoder::Catch::OneRef { tag, label },
                            (None, false) => wasm_encoder::Catch::All { label },
                            (None, true) => wasm_encoder::Catch::AllRef { label },
                        });
                    }
                    catches.reverse();
                    w.enter(Instruction::TryTable(ty, catches.into()));
                    w.push(
                        next,
                        label,
                        Shape::Catch {
                            n: construct.clauses.len(),
                            seen: 0,
                        },
                    );
                } else if let Some(Some(target)) = construct.delegate {
                    let pad = w
                        .open
                        .iter()
                        .rev()
                        .find(|o| o.construct == target)
                        .and_then(|o| o.pad)
                        .ok_or(Failure::Structure("delegate target has no pad"))?;
                    let catches = [wasm_encoder::Catch::AllRef {
                        label: w.relative(pad)?,
                    }];
                    let label = w.enter(Instruction::TryTable(ty, catches[..].into()));
                    w.push(next, label, Shape::Same);
                } else {
                    // No clauses, or a delegate that skips no handler: a plain block.
                    let label = w.enter(Instruction::Block(ty));
                    w.push(next, label, Shape::Same);
                }
                let pad = w.open_pad(next, params, types)?;
                w.set_pad(pad);
                next += 1;
            }
            Operator::Catch { .. } | Operator::CatchAll => {
                w.close_pad()?;
                let top = *w.open.last().ok_or(Failure::Structure("catch"))?;
                let Shape::Catch { n, seen } = top.shape else {
                    return Err(Failure::Structure("catch outside try"));
                };
                if seen == 0 {
                    w.end(); // try_table
                }
                w.emit(Instruction::Br(w.relative(top.label)?));
                w.end(); // the clause's block
                if w.constructs[top.construct].rethrown {
                    let slot = w.constructs[top.construct].slot;
                    w.emit(Instruction::LocalSet(w.exn_base + slot));
                }
                if let Some(open) = w.open.last_mut() {
                    open.shape = Shape::Catch { n, seen: seen + 1 };
                }
            }
            Operator::Rethrow { relative_depth } => {
                let target = frame(&w.open, relative_depth)?;
                let slot = w.constructs[target.construct].slot;
                w.emit(Instruction::LocalGet(w.exn_base + slot));
                w.emit(Instruction::ThrowRef);
            }
            Operator::Delegate { .. } => {
                w.close_pad()?;
                w.end();
                w.open.pop();
            }
            Operator::End => {
                w.close_pad()?;
                w.open.pop().ok_or(Failure::Structure("end"))?;
                w.end();
            }
            Operator::Br { relative_depth } => w.emit(Instruction::Br(w.label(relative_depth)?)),
            Operator::BrIf { relative_depth } => {
                w.emit(Instruction::BrIf(w.label(relative_depth)?))
            }
            Operator::BrOnNull { relative_depth } => {
                w.emit(Instruction::BrOnNull(w.label(relative_depth)?))
            }
            Operator::BrOnNonNull { relative_depth } => {
                w.emit(Instruction::BrOnNonNull(w.label(relative_depth)?))
            }
            Operator::BrTable { targets } => {
                let mut labels = Vec::with_capacity(targets.len() as usize);
                for target in targets.targets() {
                    labels.push(w.label(target?)?);
                }
                let default = w.label(targets.default())?;
                w.emit(Instruction::BrTable(labels.into(), default));
            }
            Operator::BrOnCast {
                relative_depth,
                from_ref_type,
                to_ref_type,
            } => {
                let op = Operator::BrOnCast {
                    relative_depth: w.label(relative_depth)?,
                    from_ref_type,
                    to_ref_type,
                };
                w.emit(RoundtripReencoder.instruction(op)?);
            }
            Operator::BrOnCastFail {
                relative_depth,
                from_ref_type,
                to_ref_type,
            } => {
                let op = Operator::BrOnCastFail {
                    relative_depth: w.label(relative_depth)?,
                    from_ref_type,
                    to_ref_type,
                };
                w.emit(RoundtripReencoder.instruction(op)?);
            }
            Operator::Resume {
                cont_type_index,
                resume_table,
            } => {
                let resume_table = relabel_handlers(&w, resume_table)?;
                let op = Operator::Resume {
                    cont_type_index,
                    resume_table,
                };
                w.emit(RoundtripReencoder.instruction(op)?);
            }
            Operator::ResumeThrow {
                cont_type_index,
                tag_index,
                resume_table,
            } => {
                let resume_table = relabel_handlers(&w, resume_table)?;
                let op = Operator::ResumeThrow {
                    cont_type_index,
                    tag_index,
                    resume_table,
                };
                w.emit(RoundtripReencoder.instruction(op)?);
            }
            Operator::ResumeThrowRef {
                cont_type_index,
                resume_table,
            } => {
                let resume_table = relabel_handlers(&w, resume_table)?;
                let op = Operator::ResumeThrowRef {
                    cont_type_index,
                    resume_table,
                };
                w.emit(RoundtripReencoder.instruction(op)?);
            }
            _ => w.out.extend_from_slice(raw),
        }
    }
    if !w.open.is_empty() || w.depth != 0 {
        return Err(Failure::Structure("unbalanced blocks"));
    }
    Ok(Some(w.out))
}

fn relabel_handlers(
    w: &Writer<'_>,
    table: wasmparser::ResumeTable,
) -> Result<wasmparser::ResumeTable, Failure> {
    let mut handlers = Vec::with_capacity(table.handlers.len());
    for handler in table.handlers {
        handlers.push(match handler {
            wasmparser::Handle::OnLabel { tag, label } => wasmparser::Handle::OnLabel {
                tag,
                label: w.label(label)?,
            },
            other => other,
        });
    }
    Ok(wasmparser::ResumeTable { handlers })
}

#[cfg(test)]
mod tests;
