/**
 * The attribute names that `dir()` lists on CPython 3.11's `int`, `float` and `str` and on
 * numpy 2.4's `ndarray`. `pyGetAttr` supports a few of them (`real`, `imag`, `numerator`,
 * `denominator`); the others exist in Python but are methods or special attributes whose
 * `str()` this module cannot reproduce, so asking for them is not an AttributeError.
 */
export const PYTHON_ATTRIBUTE_NAMES: Readonly<Record<'int' | 'float' | 'str' | 'numpy.ndarray', ReadonlySet<string>>> =
  {
    int: new Set(
      `
    __abs__ __add__ __and__ __bool__ __ceil__ __class__ __delattr__ __dir__ __divmod__ __doc__ __eq__
    __float__ __floor__ __floordiv__ __format__ __ge__ __getattribute__ __getnewargs__ __getstate__
    __gt__ __hash__ __index__ __init__ __init_subclass__ __int__ __invert__ __le__ __lshift__ __lt__
    __mod__ __mul__ __ne__ __neg__ __new__ __or__ __pos__ __pow__ __radd__ __rand__ __rdivmod__
    __reduce__ __reduce_ex__ __repr__ __rfloordiv__ __rlshift__ __rmod__ __rmul__ __ror__ __round__
    __rpow__ __rrshift__ __rshift__ __rsub__ __rtruediv__ __rxor__ __setattr__ __sizeof__ __str__
    __sub__ __subclasshook__ __truediv__ __trunc__ __xor__ as_integer_ratio bit_count bit_length
    conjugate denominator from_bytes imag numerator real to_bytes
    `
        .trim()
        .split(/\s+/),
    ),
    float: new Set(
      `
    __abs__ __add__ __bool__ __ceil__ __class__ __delattr__ __dir__ __divmod__ __doc__ __eq__ __float__
    __floor__ __floordiv__ __format__ __ge__ __getattribute__ __getformat__ __getnewargs__ __getstate__
    __gt__ __hash__ __init__ __init_subclass__ __int__ __le__ __lt__ __mod__ __mul__ __ne__ __neg__
    __new__ __pos__ __pow__ __radd__ __rdivmod__ __reduce__ __reduce_ex__ __repr__ __rfloordiv__
    __rmod__ __rmul__ __round__ __rpow__ __rsub__ __rtruediv__ __setattr__ __sizeof__ __str__ __sub__
    __subclasshook__ __truediv__ __trunc__ as_integer_ratio conjugate fromhex hex imag is_integer real
    `
        .trim()
        .split(/\s+/),
    ),
    str: new Set(
      `
    __add__ __class__ __contains__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__
    __getitem__ __getnewargs__ __getstate__ __gt__ __hash__ __init__ __init_subclass__ __iter__ __le__
    __len__ __lt__ __mod__ __mul__ __ne__ __new__ __reduce__ __reduce_ex__ __repr__ __rmod__ __rmul__
    __setattr__ __sizeof__ __str__ __subclasshook__ capitalize casefold center count encode endswith
    expandtabs find format format_map index isalnum isalpha isascii isdecimal isdigit isidentifier
    islower isnumeric isprintable isspace istitle isupper join ljust lower lstrip maketrans partition
    removeprefix removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines
    startswith strip swapcase title translate upper zfill
    `
        .trim()
        .split(/\s+/),
    ),
    'numpy.ndarray': new Set(
      `
    T __abs__ __add__ __and__ __array__ __array_finalize__ __array_function__ __array_interface__
    __array_namespace__ __array_priority__ __array_struct__ __array_ufunc__ __array_wrap__ __bool__
    __class__ __class_getitem__ __complex__ __contains__ __copy__ __deepcopy__ __delattr__ __delitem__
    __dir__ __divmod__ __dlpack__ __dlpack_device__ __doc__ __eq__ __float__ __floordiv__ __format__
    __ge__ __getattribute__ __getitem__ __getstate__ __gt__ __hash__ __iadd__ __iand__ __ifloordiv__
    __ilshift__ __imatmul__ __imod__ __imul__ __index__ __init__ __init_subclass__ __int__ __invert__
    __ior__ __ipow__ __irshift__ __isub__ __iter__ __itruediv__ __ixor__ __le__ __len__ __lshift__
    __lt__ __matmul__ __mod__ __mul__ __ne__ __neg__ __new__ __or__ __pos__ __pow__ __radd__ __rand__
    __rdivmod__ __reduce__ __reduce_ex__ __repr__ __rfloordiv__ __rlshift__ __rmatmul__ __rmod__
    __rmul__ __ror__ __rpow__ __rrshift__ __rshift__ __rsub__ __rtruediv__ __rxor__ __setattr__
    __setitem__ __setstate__ __sizeof__ __str__ __sub__ __subclasshook__ __truediv__ __xor__ all any
    argmax argmin argpartition argsort astype base byteswap choose clip compress conj conjugate copy
    ctypes cumprod cumsum data device diagonal dot dtype dump dumps fill flags flat flatten getfield
    imag item itemsize mT max mean min nbytes ndim nonzero partition prod put ravel real repeat reshape
    resize round searchsorted setfield setflags shape size sort squeeze std strides sum swapaxes take
    to_device tobytes tofile tolist trace transpose var view
    `
        .trim()
        .split(/\s+/),
    ),
  };
