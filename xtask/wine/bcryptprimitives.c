/* ProcessPrng for Wine before 9.0, which lacks bcryptprimitives.dll. Rust's standard library
   (1.78 and later) draws its random numbers from it on Windows, so without it no test binary
   starts under Debian 12's Wine 8. It draws from RtlGenRandom (advapi32's SystemFunction036),
   which Wine has. Real Windows 10 and 11 have the DLL; this one only ever goes into the test
   Wine prefix under target/. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
