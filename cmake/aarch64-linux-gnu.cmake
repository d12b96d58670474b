# CMake toolchain file: cross-builds biometal for ARM64 Linux with Debian's aarch64-linux-gnu-gcc;
# programs built with it run under qemu-aarch64 (CTest uses it as the emulator).
# The libraries come from a folder holding Debian's arm64 packages unpacked (scripts/deps_aarch64.sh):
# -DBIOMETAL_AARCH64_ROOT=DIR or the environment variable of that name, default /opt/biometal/aarch64.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

if(NOT BIOMETAL_AARCH64_ROOT)
  if(DEFINED ENV{BIOMETAL_AARCH64_ROOT})
    set(BIOMETAL_AARCH64_ROOT $ENV{BIOMETAL_AARCH64_ROOT})
  else()
    set(BIOMETAL_AARCH64_ROOT /opt/biometal/aarch64)
  endif()
endif()
# try_compile projects read this file again: pass the folder on to them.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES BIOMETAL_AARCH64_ROOT)

# Libraries and headers only from the arm64 folder and the cross C library; programs from the host.
set(CMAKE_FIND_ROOT_PATH ${BIOMETAL_AARCH64_ROOT} /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(ENV{PKG_CONFIG_SYSROOT_DIR} ${BIOMETAL_AARCH64_ROOT})
set(ENV{PKG_CONFIG_LIBDIR} ${BIOMETAL_AARCH64_ROOT}/usr/lib/aarch64-linux-gnu/pkgconfig)

# Test programs run under qemu-user with the cross C library as the dynamic loader's root.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)
