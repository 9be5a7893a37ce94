using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PartnerKarte.Scoring;

public sealed partial class RepTrustState
{
    /// <summary>
    /// The settled active days, ascending, each with its number of settled interactions (so a retract knows when a day
    /// stops being active). The newest <see cref="TailCapacity"/> days live inside the state object and the older ones in
    /// an array: settling runs forward in time, so a new day is nearly always appended, and appending to the inline tail
    /// leaves the array — usually on another memory page, one more page walk per visit — untouched until the tail is
    /// full, once every <see cref="TailCapacity"/> new days.
    /// </summary>
    private struct DayList
    {
        internal const int TailCapacity = 8;

        private DayCount[] _array; // the older days, [0, _arrayLength); every one before every tail day
        private int _arrayLength;
        private DayTail _tail; // the newest days, [0, _tailLength)
        private int _tailLength;

        public DayList(int capacity)
        {
            _array = capacity > 0 ? new DayCount[capacity] : [];
            MaxDay = int.MinValue;
        }

        /// <summary>The newest day, kept apart so the common lookup (a day at or after it) reads nothing else; <see cref="int.MinValue"/> when empty.</summary>
        public int MaxDay { readonly get; private set; }

        /// <summary>The number of days.</summary>
        public readonly int Count => _arrayLength + _tailLength;

        /// <summary>Whether the next append moves the tail into the array (the only time an append touches it).</summary>
        public readonly bool TailFull => _tailLength == TailCapacity;

        /// <summary>The array of older days and how many it holds (for prefetching).</summary>
        public readonly DayCount[] Array => _array;

        /// <summary>The number of days in <see cref="Array"/>.</summary>
        public readonly int ArrayLength => _arrayLength;

        /// <summary>The <paramref name="i"/>-th day, oldest first.</summary>
        [UnscopedRef]
        public ref DayCount At(int i) => ref i < _arrayLength ? ref _array[i] : ref _tail[i - _arrayLength];

        /// <summary>The index of <paramref name="day"/>, or the bitwise complement of where it would go.</summary>
        public readonly int Find(int day)
        {
            var count = Count;
            if (MaxDay <= day)
            {
                return count == 0 ? ~0 : MaxDay == day ? count - 1 : ~count;
            }

            if (_tailLength > 0 && _tail[0].Day <= day)
            {
                // Among the tail's days (its last is MaxDay, after day).
                for (var j = _tailLength - 2; ; j--)
                {
                    var d = _tail[j].Day;
                    if (d <= day)
                    {
                        return d == day ? _arrayLength + j : ~(_arrayLength + j + 1);
                    }
                }
            }

            return FindInArray(day);
        }

        /// <summary>Adds <paramref name="day"/> with one interaction at <paramref name="at"/> (from <see cref="Find"/>).</summary>
        public void Insert(int at, int day)
        {
            if (at >= _arrayLength && _tailLength == TailCapacity)
            {
                FlushTail(); // indices do not change: the tail's days move to the end of the array
            }

            if (at >= _arrayLength)
            {
                var j = at - _arrayLength;
                for (var m = _tailLength; m > j; m--)
                {
                    _tail[m] = _tail[m - 1];
                }

                _tail[j] = new DayCount { Day = day, Count = 1 };
                _tailLength++;
            }
            else
            {
                EnsureArrayCapacity(_arrayLength + 1);
                System.Array.Copy(_array, at, _array, at + 1, _arrayLength - at);
                _array[at] = new DayCount { Day = day, Count = 1 };
                _arrayLength++;
            }

            MaxDay = At(Count - 1).Day;
        }

        /// <summary>Removes the day at <paramref name="i"/>.</summary>
        public void RemoveAt(int i)
        {
            if (i >= _arrayLength)
            {
                for (var m = i - _arrayLength; m < _tailLength - 1; m++)
                {
                    _tail[m] = _tail[m + 1];
                }

                _tailLength--;
            }
            else
            {
                System.Array.Copy(_array, i + 1, _array, i, _arrayLength - i - 1);
                _arrayLength--;
            }

            MaxDay = Count > 0 ? At(Count - 1).Day : int.MinValue;
        }

        /// <summary>Replaces the list with <paramref name="length"/> days of <paramref name="days"/> (ascending, checked by the caller).</summary>
        public void Restore(DayCount[] days, int length)
        {
            _array = days;
            _arrayLength = length;
            _tail = default;
            _tailLength = 0;
            MaxDay = length > 0 ? days[length - 1].Day : int.MinValue;
        }

        private readonly int FindInArray(int day)
        {
            var length = _arrayLength;
            if (length == 0)
            {
                return ~0;
            }

            // Settling runs close behind the newest days: walk back a few entries (the prefetched end of the array) before
            // a binary search, whose first probes would land in lines not loaded yet.
            var days = _array;
            var stop = Math.Max(0, length - 8);
            for (var j = length - 1; j >= stop; j--)
            {
                var d = days[j].Day;
                if (d <= day)
                {
                    return d == day ? j : ~(j + 1);
                }
            }

            int lo = 0, hi = stop - 1;
            while (lo <= hi)
            {
                var mid = (int)((uint)(lo + hi) >> 1);
                var d = days[mid].Day;
                if (d == day)
                {
                    return mid;
                }

                if (d < day)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return ~lo;
        }

        private void FlushTail()
        {
            EnsureArrayCapacity(_arrayLength + _tailLength);
            ((Span<DayCount>)_tail)[.._tailLength].CopyTo(_array.AsSpan(_arrayLength));
            _arrayLength += _tailLength;
            _tailLength = 0;
        }

        private void EnsureArrayCapacity(int needed)
        {
            if (needed > _array.Length)
            {
                System.Array.Resize(ref _array, Math.Max(Math.Max(8, needed), _array.Length * 2));
            }
        }
    }

    /// <summary>The newest settled days, inside the state object.</summary>
    [InlineArray(DayList.TailCapacity)]
    private struct DayTail
    {
        private DayCount _element0;
    }
}
