# Compiler warnings, hardening and Qt/OpenSSL defines shared by every Signet target.
add_library(signet_flags INTERFACE)
target_compile_options(signet_flags INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
    -Wformat=2)
target_compile_definitions(signet_flags INTERFACE
    QT_NO_KEYWORDS QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER QT_STRICT_ITERATORS
    OPENSSL_API_COMPAT=30000 OPENSSL_NO_DEPRECATED
    _FORTIFY_SOURCE=2)
target_compile_options(signet_flags INTERFACE -fstack-protector-strong)
target_compile_features(signet_flags INTERFACE cxx_std_23)

if(SIGNET_SANITIZE)
    target_compile_options(signet_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(signet_flags INTERFACE -fsanitize=address,undefined)
endif()

# Layering guard (ARCHITECTURE.md): OpenSSL headers stay in core/crypto, widgets stay out of core.
function(signet_check_layering)
    file(GLOB_RECURSE _outside_crypto
        "${PROJECT_SOURCE_DIR}/core/foundation/*" "${PROJECT_SOURCE_DIR}/core/jose/*"
        "${PROJECT_SOURCE_DIR}/core/workspace/*" "${PROJECT_SOURCE_DIR}/core/server/*"
        "${PROJECT_SOURCE_DIR}/ui/*" "${PROJECT_SOURCE_DIR}/app/*")
    foreach(_file IN LISTS _outside_crypto)
        file(STRINGS "${_file}" _hits REGEX "#include *<openssl/")
        if(_hits)
            message(FATAL_ERROR "Layering: ${_file} includes an OpenSSL header; only core/crypto may.")
        endif()
    endforeach()
    file(GLOB_RECURSE _core_files "${PROJECT_SOURCE_DIR}/core/*")
    foreach(_file IN LISTS _core_files)
        file(STRINGS "${_file}" _hits REGEX "#include *<(QtWidgets|QtGui|QWidget|QDialog|QMainWindow|QPixmap|QIcon)")
        if(_hits)
            message(FATAL_ERROR "Layering: ${_file} includes a GUI header; core/ must not.")
        endif()
    endforeach()
endfunction()
signet_check_layering()
