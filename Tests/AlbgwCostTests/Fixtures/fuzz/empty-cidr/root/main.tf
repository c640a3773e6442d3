resource "aws_vpc" "empty" {
  cidr_block = ""
}

resource "aws_vpc" "slash" {
  cidr_block = "/"
}
