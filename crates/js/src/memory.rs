//! `WebAssembly.Memory`: linear memory, and the `ArrayBuffer` that aliases it.
//!
//! `buffer` is an ArrayBuffer over the live bytes of the memory, with no copy. Whenever the
//! memory's size changes (a `grow` from JS or from Wasm), the old buffer is detached and the next
//! `buffer` read makes a new one: the binding checks sizes after every Wasm call returns to JS and
//! before every JS import runs (see `WasmState::refresh_buffers`), which are the only moments JS
//! can observe a buffer; it reads sizes only when the store saw a memory made or grown since the
//! last check (`Store::memory_growths`, counted by the store's resource limiter), or when a shared
//! memory has a buffer out. QuickJS ArrayBuffers hold at most 2 GiB - 1 bytes, so `buffer` of a
//! larger memory throws a RangeError. Shared memories give a SharedArrayBuffer, which is never
//! detached; a grow makes the next `buffer` a new, longer SharedArrayBuffer.

use baton_wasm::wasmtime::{self, Extern, MemoryType, SharedMemory};
use rquickjs::class::Trace;
use rquickjs::function::{Opt, This};
use rquickjs::{ArrayBuffer, Ctx, Exception, JsLifetime, Result, Value};

use crate::state::{self, WasmState};
use crate::webidl::{dictionary, enforce_range_u32, member, require_new};

/// The largest number of 64 KiB pages a 32-bit memory can have.
const MAX_PAGES: u32 = 65536;
/// The largest ArrayBuffer QuickJS can create.
pub(crate) const MAX_BUFFER: usize = i32::MAX as usize;

/// A plain or shared wasmtime memory.
#[derive(Clone)]
pub(crate) enum MemoryHandle {
    Plain(wasmtime::Memory),
    Shared(SharedMemory),
}

impl MemoryHandle {
    pub(crate) fn to_extern(&self) -> Extern {
        match self {
            MemoryHandle::Plain(m) => Extern::Memory(*m),
            MemoryHandle::Shared(m) => Extern::SharedMemory(m.clone()),
        }
    }

    /// The current base address and length in bytes.
    pub(crate) fn data(&self, state: &WasmState) -> (*mut u8, usize) {
        match self {
            MemoryHandle::Plain(m) => state.store.with(|cx| (m.data_ptr(&cx), m.data_size(&cx))),
            MemoryHandle::Shared(m) => (m.data().as_ptr() as *mut u8, m.data_size()),
        }
    }
}

/// `WebAssembly.Memory`.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "Memory")]
pub struct Memory {
    #[qjs(skip_trace)]
    pub(crate) handle: MemoryHandle,
}

#[rquickjs::methods]
impl Memory {
    /// `new WebAssembly.Memory({initial, maximum, shared})`.
    #[qjs(constructor)]
    fn new<'js>(
        ctx: Ctx<'js>,
        this: This<Value<'js>>,
        descriptor: Opt<Value<'js>>,
    ) -> Result<Self> {
        require_new(&ctx, &this.0, "Memory")?;
        let what = "WebAssembly.Memory(): Argument 0";
        let descriptor = dictionary(&ctx, descriptor.0, what)?;
        let initial = match member(&descriptor, "initial")? {
            Some(v) => enforce_range_u32(&ctx, &v, "WebAssembly.Memory(): Property 'initial'")?,
            None => {
                return Err(Exception::throw_type(
                    &ctx,
                    "WebAssembly.Memory(): Property 'initial' is required",
                ));
            }
        };
        let maximum = match member(&descriptor, "maximum")? {
            Some(v) => Some(enforce_range_u32(
                &ctx,
                &v,
                "WebAssembly.Memory(): Property 'maximum'",
            )?),
            None => None,
        };
        let shared = member(&descriptor, "shared")?.is_some_and(|v| crate::webidl::to_boolean(&v));
        if initial > MAX_PAGES {
            return Err(Exception::throw_range(
                &ctx,
                &format!(
                    "WebAssembly.Memory(): Property 'initial': value {initial} is above the upper bound {MAX_PAGES}"
                ),
            ));
        }
        if let Some(max) = maximum {
            if max > MAX_PAGES {
                return Err(Exception::throw_range(
                    &ctx,
                    &format!(
                        "WebAssembly.Memory(): Property 'maximum': value {max} is above the upper bound {MAX_PAGES}"
                    ),
                ));
            }
            if max < initial {
                return Err(Exception::throw_range(
                    &ctx,
                    "WebAssembly.Memory(): Property 'maximum': must be greater than or equal to 'initial'",
                ));
            }
        }
        if shared && maximum.is_none() {
            return Err(Exception::throw_type(
                &ctx,
                "WebAssembly.Memory(): shared memory must have a maximum",
            ));
        }
        let state = state::get(&ctx);
        let handle = if shared {
            let ty = MemoryType::shared(initial, maximum.unwrap_or(initial));
            SharedMemory::new(state.engine.wasmtime(), ty)
                .map(MemoryHandle::Shared)
                .map_err(|e| {
                    Exception::throw_range(
                        &ctx,
                        &format!("WebAssembly.Memory(): could not allocate memory: {e}"),
                    )
                })?
        } else {
            let ty = MemoryType::new(initial, maximum);
            state
                .store
                .with(|cx| wasmtime::Memory::new(cx, ty))
                .map(MemoryHandle::Plain)
                .map_err(|e| {
                    Exception::throw_range(
                        &ctx,
                        &format!("WebAssembly.Memory(): could not allocate memory: {e}"),
                    )
                })?
        };
        Ok(Memory { handle })
    }

    /// `memory.buffer`: an ArrayBuffer aliasing the memory (see the module docs).
    #[qjs(get, enumerable, configurable)]
    fn buffer<'js>(&self, ctx: Ctx<'js>) -> Result<Value<'js>> {
        let state = state::get(&ctx);
        state.memory_buffer(&ctx, &self.handle)
    }

    /// `memory.grow(delta)`: grows by `delta` pages and returns the old size in pages.
    fn grow<'js>(&self, ctx: Ctx<'js>, delta: Opt<Value<'js>>) -> Result<u32> {
        let delta = delta.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let delta = enforce_range_u32(&ctx, &delta, "WebAssembly.Memory.grow(): Argument 0")?;
        let state = state::get(&ctx);
        let old = match &self.handle {
            MemoryHandle::Plain(m) => state.store.with(|cx| m.grow(cx, u64::from(delta))),
            MemoryHandle::Shared(m) => m.grow(u64::from(delta)),
        };
        let old = old.map_err(|_| {
            Exception::throw_range(
                &ctx,
                "WebAssembly.Memory.grow(): Maximum memory size exceeded",
            )
        })?;
        // Even a grow by 0 replaces a non-shared buffer, as the spec says.
        state.refresh_buffers(&ctx, delta == 0);
        Ok(old as u32)
    }
}

/// The external bytes of a memory, lent to an ArrayBuffer. Dropping it frees nothing: the memory
/// belongs to the store.
pub(crate) struct MemoryView {
    pub(crate) ptr: *mut u8,
    pub(crate) len: usize,
}

// SAFETY: the pointer is the base of a linear memory, which never moves while the store lives
// (32-bit memories reserve their whole address range up front), and the buffer is detached before
// the memory's size changes; `len` never exceeds the memory's size at creation.
unsafe impl rquickjs::ArrayBufferSource for MemoryView {
    fn as_ptr(&self) -> *mut u8 {
        self.ptr
    }
    fn len(&self) -> usize {
        self.len
    }
}

/// Makes an ArrayBuffer (or SharedArrayBuffer) over `len` bytes at `ptr`.
pub(crate) fn make_buffer<'js>(
    ctx: &Ctx<'js>,
    ptr: *mut u8,
    len: usize,
    shared: bool,
) -> Result<ArrayBuffer<'js>> {
    if len > MAX_BUFFER {
        return Err(Exception::throw_range(
            ctx,
            &format!(
                "WebAssembly.Memory.buffer: this memory is {len} bytes, but baton's JavaScript engine can expose at most {MAX_BUFFER} bytes as an ArrayBuffer"
            ),
        ));
    }
    let view = MemoryView { ptr, len };
    if shared {
        ArrayBuffer::from_source_shared(ctx.clone(), view)
    } else {
        ArrayBuffer::from_source(ctx.clone(), view)
    }
}

/// Guards `ArrayBuffer.prototype.transfer` and `transferToFixedLength`: the buffer of a Wasm
/// memory must not be detached or moved by JS (the JS-API spec makes it non-detachable), or the
/// memory would lose its bytes. QuickJS has no such flag, so the two methods are wrapped: for a
/// memory's buffer they throw a TypeError, for any other buffer they do what they always did.
pub(crate) fn guard_transfer<'js>(ctx: &Ctx<'js>, state: &WasmState) -> Result<()> {
    let prototype: rquickjs::Object = ctx
        .globals()
        .get::<_, rquickjs::Object>("ArrayBuffer")?
        .get("prototype")?;
    for name in ["transfer", "transferToFixedLength"] {
        let original: rquickjs::Function = prototype.get(name)?;
        state.set_intrinsic(ctx, name, original);
        let guarded = rquickjs::Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  this: This<Value<'js>>,
                  args: rquickjs::function::Rest<Value<'js>>| {
                guarded_transfer(ctx, name, this.0, args.0)
            },
        )?
        .with_name(name)?
        .with_length(0)?;
        crate::webidl::define_hidden(&prototype, name, guarded)?;
    }
    Ok(())
}

fn guarded_transfer<'js>(
    ctx: Ctx<'js>,
    name: &str,
    this: Value<'js>,
    args: Vec<Value<'js>>,
) -> Result<Value<'js>> {
    let state = state::get(&ctx);
    if let Some(buffer) = this
        .as_object()
        .and_then(|o| ArrayBuffer::from_object(o.clone()))
        && state.is_memory_buffer(&buffer)
    {
        return Err(Exception::throw_type(
            &ctx,
            &format!(
                "ArrayBuffer.prototype.{name}: the buffer of a WebAssembly.Memory cannot be transferred"
            ),
        ));
    }
    let original = state.intrinsic(&ctx, name).ok_or_else(|| {
        Exception::throw_internal(&ctx, "ArrayBuffer.prototype.transfer is missing")
    })?;
    let mut call = rquickjs::function::Args::new(ctx.clone(), args.len());
    call.this(this)?;
    call.push_args(args)?;
    original.call_arg(call)
}
